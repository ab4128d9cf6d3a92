/**
 * Names for items in sentences: the short key people use (`PAY-42`, `octo-org/api#101`), with the
 * title when we know it. Keys are the canonical ones of lib/item-key.ts.
 */
import { containerOf } from './clusters';
import type { WorkItem } from './model';

/** `jira:acme.atlassian.net/PAY-42` → `PAY-42`; `github:[host/]owner/repo#7` → `owner/repo#7`. */
export function shortKey(key: string): string {
  const rest = key.slice(key.indexOf(':') + 1);
  if (key.startsWith('jira:')) return rest.slice(rest.lastIndexOf('/') + 1);
  const hash = rest.lastIndexOf('#');
  if (hash < 0) return rest;
  return `${rest.slice(0, hash).split('/').slice(-2).join('/')}${rest.slice(hash)}`;
}

/** A function naming any key: the short key, and the title from `titles` or the item's links. */
export function namer(item: WorkItem, titles?: ReadonlyMap<string, string>): (key: string) => string {
  const linked = new Map([...item.upstream, ...item.downstream].flatMap((link) => (link.title ? [[link.key, link.title] as const] : [])));
  return (key) => {
    const title = titles?.get(key) ?? linked.get(key);
    return title ? `${shortKey(key)} (${title})` : shortKey(key);
  };
}

/**
 * The key as a narrow row shows it: `PAY-42`, `api#7` (the repository without its owner), or `#7`
 * when every row is of one repository (`oneRepo`). The row names the whole key too, for its
 * tooltip and screen readers: two owners' `api` look alike here.
 */
export function rowKey(key: string, oneRepo = false): string {
  const short = shortKey(key);
  if (key.startsWith('jira:')) return short;
  return oneRepo ? short.slice(short.lastIndexOf('#')) : short.replace(/^[^/#]*\//, '');
}

/** The `owner/repo` of a GitHub key, lower case (its container); undefined for a Jira key. */
export function repoOf(key: string): string | undefined {
  return key.startsWith('github:') ? containerOf(key) : undefined;
}

/**
 * `text` with references to items of `key`'s own repository written as GitHub writes them there:
 * "waits on acme/api#208" → "waits on #208". Other repositories' and Jira keys stay whole.
 */
export function inRepoRefs(text: string, key: string): string {
  const repo = repoOf(key);
  if (!repo) return text;
  const escaped = repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(^|[^\\w./-])${escaped}#(\\d+)`, 'gi'), '$1#$2');
}
