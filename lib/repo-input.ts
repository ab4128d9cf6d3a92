/**
 * A repository as the user pastes it — `octo-org/api`, `github.com/octo-org/api.git`, the URL of
 * a pull request or a file in it — cleaned to the `owner/repo` the team settings keep
 * (`host/owner/repo` for a GitHub Enterprise Server host). Pure: no network, no browser.
 */

/** A cleaned repository: its host, owner and name, and how the team settings write it. */
export interface RepoInput {
  host: string;
  owner: string;
  repo: string;
  /** `owner/repo` on github.com, `host/owner/repo` elsewhere. */
  entry: string;
}

/** What the user is told when the text names no repository. */
const NOT_A_REPO = 'Enter a repository as owner/name, or paste its GitHub address.';

const NAME = /^[a-z0-9_.-]{1,100}$/i;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/;

/** Whether the first part of a path is a host (has a dot, like `github.com`), not an owner. */
const looksLikeHost = (part: string) => part.includes('.') && HOST.test(part.toLowerCase());

/** The repository `text` names, or why it names none. */
export function cleanRepoInput(text: string): RepoInput | { error: string } {
  const bare = text.trim().replace(/^(https?:\/\/|git@|ssh:\/\/git@)/i, '').replace(/[?#].*$/, '');
  const parts = bare.split(/[/:]/).filter(Boolean);
  const withHost = parts.length >= 3 && looksLikeHost(parts[0]!) ? parts : parts.length >= 2 && !looksLikeHost(parts[0]!) ? ['github.com', ...parts] : undefined;
  if (!withHost) return { error: NOT_A_REPO };
  // `host:port` was split at the colon: put the port back.
  const [host, ...rest] = /^\d{1,5}$/.test(withHost[1] ?? '') ? [`${withHost[0]}:${withHost[1]}`, ...withHost.slice(2)] : withHost;
  const owner = rest[0] ?? '';
  const repo = (rest[1] ?? '').replace(/\.git$/i, '');
  if (!NAME.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') return { error: NOT_A_REPO };
  const lowerHost = host!.toLowerCase();
  return { host: lowerHost, owner, repo, entry: lowerHost === 'github.com' ? `${owner}/${repo}` : `${lowerHost}/${owner}/${repo}` };
}
