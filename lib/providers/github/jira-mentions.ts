/**
 * Jira keys a pull request names in its title or head branch ("PAY-42: retry webhook",
 * `feature/PAY-42-retry`), the convention Jira's own GitHub integration reads. Upper-case only:
 * lower-case words with numbers ("release-2") are too often not keys.
 */

const KEY = /(?<![A-Za-z0-9])[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,6}(?![0-9])/g;

/** Standards and identifiers that look like keys; Jira would only answer "not found" for them. */
const NOT_KEYS = new Set(['UTF', 'ISO', 'SHA', 'RFC', 'CVE', 'CWE', 'HTTP', 'TLS', 'COVID', 'MD', 'ES', 'PEP', 'JSR', 'GHSA']);

/**
 * Keys kept per pull request. Whoever writes a title chooses what FlowLens asks Jira for: a
 * title naming 200 keys must not cost 200 lookups (issue 13). A real PR names one or two.
 */
export const MENTIONS_PER_ITEM = 10;

/** The distinct Jira keys in `texts`, in the order they appear, at most `MENTIONS_PER_ITEM`. */
export function jiraMentions(...texts: (string | undefined)[]): string[] {
  const keys = texts.flatMap((text) => text?.match(KEY) ?? []);
  return [...new Set(keys.filter((key) => !NOT_KEYS.has(key.slice(0, key.indexOf('-')))))].slice(0, MENTIONS_PER_ITEM);
}
