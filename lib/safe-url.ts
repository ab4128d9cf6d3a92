/**
 * Which URLs FlowLens lets become a link (an `href`, a notification's click): URLs in API data
 * (an item's `url`, a link's, an `x-github-sso` header's) are the answering host's words, and a
 * hostile host could send `javascript:`, `data:`, `http:` or another site's page. An item's link
 * is its own page, built from its key, or a URL from the data only when it is `https:` on the
 * item's own host; anything else never reaches an `href`.
 */
import { parseKey } from './item-key';

/** The web host an item's pages are on: its GitHub host, or its Jira site's host (without the context path). */
export function webHostOf(key: string): string | undefined {
  const ref = parseKey(key);
  if (!ref) return undefined;
  const host = (ref.source === 'jira' ? ref.host.split('/')[0]! : ref.host).toLowerCase();
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/.test(host) ? host : undefined;
}

/**
 * An item's page, from its key alone: `https://HOST/owner/repo/issues/N` (GitHub shows a pull
 * request's page there too), `https://SITE/browse/KEY` (with a Data Center context path).
 */
export function keyUrl(key: string): string | undefined {
  const ref = parseKey(key);
  const host = webHostOf(key);
  if (!ref || !host) return undefined;
  if (ref.source === 'jira') {
    const context = ref.host.slice(ref.host.split('/')[0]!.length);
    return /^(?:\/[\w.-]+)*$/.test(context) && !/\/\.\.?(?:\/|$)/.test(context) ? `https://${host}${context}/browse/${ref.issueKey}` : undefined;
  }
  return `https://${host}/${ref.owner}/${ref.repo}/issues/${ref.number}`;
}

/**
 * `url` when it is an `https:` URL on `host` (no user name or password in it); else undefined.
 * A URL that starts `https://HOST/` is one (its authority ends at that slash, so it holds no
 * user name), and is taken without parsing: a view checks its item's URL several times over,
 * and parsing them was a third of the worker's time presenting a 2,000-card board (measured
 * with a CPU profile of `npm run bench`'s board, 3 Dec 2026). Anything else is parsed. A host
 * with a port is always parsed: the parser drops a scheme's default port.
 */
export function httpsOn(url: string | undefined, host: string | undefined): string | undefined {
  if (!url || !host) return undefined;
  const wanted = host.toLowerCase();
  if (!wanted.includes(':') && url.startsWith(`https://${wanted}/`)) return url;
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && parsed.host === wanted && !parsed.username && !parsed.password ? url : undefined;
}

/**
 * The link to the item `key` for `url` from its data: `url` itself when it is `https:` on the
 * item's own host, else the page built from the key; none when there is no `url` to replace.
 */
export function itemUrl(key: string, url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  return httpsOn(url, webHostOf(key)) ?? keyUrl(key);
}

/** `url` when it is an `https:` URL, for an `href`: the components' last line against script URLs. */
export function httpsHref(url: string | undefined): string | undefined {
  return url && URL.canParse(url) && new URL(url).protocol === 'https:' ? url : undefined;
}
