/**
 * Jira keys a pull request names in its title or head branch ("PAY-42: retry webhook",
 * `feature/PAY-42-retry`), the convention Jira's own GitHub integration reads. Upper-case only:
 * lower-case words with numbers ("release-2") are too often not keys.
 */

const KEY = /(?<![A-Za-z0-9])[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,6}(?![0-9])/g;

/** Standards and identifiers that look like keys; Jira would only answer "not found" for them. */
const NOT_KEYS = new Set(['UTF', 'ISO', 'SHA', 'RFC', 'CVE', 'CWE', 'HTTP', 'TLS', 'COVID', 'MD', 'ES', 'PEP', 'JSR', 'GHSA']);

/** The distinct Jira keys in `texts`, in the order they appear. */
export function jiraMentions(...texts: (string | undefined)[]): string[] {
  const keys = texts.flatMap((text) => text?.match(KEY) ?? []);
  return [...new Set(keys.filter((key) => !NOT_KEYS.has(key.slice(0, key.indexOf('-')))))];
}
