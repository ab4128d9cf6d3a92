/**
 * Jira keys a pull request names in its title or head branch ("PAY-42: retry webhook",
 * `feature/PAY-42-retry`), the convention Jira's own GitHub integration reads. Upper-case only:
 * lower-case words with numbers ("release-2") are too often not keys.
 */
import { jiraKeySource } from '../../item-key';

/**
 * A key in free text, held tighter than the key syntax: a project key of 2 to 10 characters, as
 * Cloud makes them ("start with an uppercase letter followed by one or more uppercase
 * alphanumeric characters. The maximum length is 10 characters", Jira Cloud's REST reference),
 * and a number of at most 7 digits, so that "A-1" or a long build number is not taken for a ticket.
 */
const KEY = new RegExp(`(?<![A-Za-z0-9])${jiraKeySource({ projectChars: { min: 2, max: 10 }, maxDigits: 7 })}(?![0-9])`, 'g');

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
