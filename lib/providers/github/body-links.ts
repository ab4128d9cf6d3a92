/**
 * "Depends on #12", "blocked by octo-org/api#7", "Depends on: https://github.com/o/r/pull/3, #4"
 * in a PR or issue body become upstream links. Only references right after such a phrase count:
 * "fixes #3" or a passing mention is not a dependency.
 */
import type { ItemLink } from '../../flow/model';
import { formatKey } from '../../item-key';

const PHRASE = /\b(depends on|blocked by|requires|waiting on|waits on)\b:?\s*((?:(?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/[^\s/]+\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+)(?:\s*(?:,|and|&)\s*(?:(?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/[^\s/]+\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+))*)/gi;
const REFERENCE = /(?:([\w.-]+)\/([\w.-]+))?#(\d+)|https?:\/\/([^\s/]+)\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d+)/g;

/** Upstream links written in `body` of an item in `owner/repo` on `host`; each key once. */
export function bodyLinks(body: string | null | undefined, host: string, owner: string, repo: string): ItemLink[] {
  const links = new Map<string, ItemLink>();
  for (const phrase of (body ?? '').matchAll(PHRASE)) {
    const kind = /blocked/i.test(phrase[1]!) ? 'blocked-by' : 'depends-on';
    for (const ref of phrase[2]!.matchAll(REFERENCE)) {
      const linkHost = ref[4] ?? host;
      if (linkHost !== host) continue;
      const number = Number(ref[3] ?? ref[7]);
      const key = formatKey({ source: 'github', host, owner: ref[1] ?? ref[5] ?? owner, repo: ref[2] ?? ref[6] ?? repo, number });
      if (!links.has(key)) links.set(key, { key, kind });
    }
  }
  return [...links.values()];
}
