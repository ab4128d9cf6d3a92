/**
 * Settings as a file: what the options page exports, and the checks an imported file goes
 * through. Tokens stay out of an export unless the user asks for them. An import is validated
 * like stored settings (every valid field kept), and what was dropped is said in words, so a
 * file from another version or a hand edit never loses more than its broken parts silently.
 */
import { parseRuleSet } from '../flow/rule-set';
import { DEFAULT_SETTINGS, sanitizeSecrets, sanitizeSettings, settingsSchema, splitCrossSource, type Secrets, type Settings } from './settings';

/** Marks a FlowLens settings file. */
export const EXPORT_FORMAT = 'flowlens-settings';

/** An exported file's content. */
export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: 2;
  exportedAt: string;
  settings: Settings;
  secrets?: Secrets;
}

/** The document to save; `secrets` only when the user ticked "include tokens". */
export function exportDocument(settings: Settings, secrets: Secrets | undefined, now: number): SettingsExport {
  return { format: EXPORT_FORMAT, version: 2, exportedAt: new Date(now).toISOString(), settings, ...(secrets ? { secrets } : {}) };
}

/** A file read for import: what applies, and what was left out. */
export type ImportResult =
  | { ok: true; settings: Settings; secrets?: Secrets; notes: string[] }
  | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an exported file (or a bare settings object) into what to apply. */
export function readImport(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON: choose a file FlowLens exported.' };
  }
  if (!isObject(parsed)) return { ok: false, message: 'This file holds no settings: choose a file FlowLens exported.' };
  if ('format' in parsed && parsed.format !== EXPORT_FORMAT) return { ok: false, message: `This is not a FlowLens settings file (its format is "${String(parsed.format)}").` };
  const given = 'format' in parsed ? parsed.settings : parsed;
  if (!isObject(given)) return { ok: false, message: 'This file has no settings in it.' };
  // A file from before settings version 3 holds the one `crossSource` switch.
  const rawSettings = splitCrossSource(given) as Record<string, unknown>;
  const settings = sanitizeSettings(rawSettings);
  const notes = [...droppedSettings(rawSettings, settings), ...parseRuleSet(settings.rules).errors.map((error) => `Rules: ${error}`)];
  if (!('secrets' in parsed) || parsed.secrets === undefined) return { ok: true, settings, notes };
  const secrets = sanitizeSecrets(parsed.secrets);
  return { ok: true, settings, secrets, notes: [...notes, ...droppedSecrets(parsed.secrets, secrets)] };
}

const FIELD_NAMES = Object.keys(settingsSchema.entries);

/** Sentences for every field or entry of `input` that the sanitized `output` does not keep. */
export function droppedSettings(input: Record<string, unknown>, output: Settings): string[] {
  const unknown = Object.keys(input).filter((key) => !FIELD_NAMES.includes(key));
  const notes = unknown.length ? [`Ignored unknown settings: ${unknown.join(', ')}.`] : [];
  for (const key of FIELD_NAMES) {
    if (key in input) notes.push(...compare(key, input[key], (output as Record<string, unknown>)[key], (DEFAULT_SETTINGS as Record<string, unknown>)[key]));
  }
  return notes;
}

/** Compares what was given with what was kept, field by field and list by list. */
function compare(path: string, given: unknown, kept: unknown, fallback: unknown): string[] {
  if (Array.isArray(kept)) {
    if (!Array.isArray(given)) return [`${path}: not a list, so the default applies.`];
    if (given.length > kept.length && JSON.stringify(kept) === JSON.stringify(fallback) && kept.length > 0) return [`${path}: not valid, so the default applies.`];
    const lost = given.length - kept.length;
    return lost > 0 ? [`${path}: dropped ${lost} of ${given.length} entries that were not valid.`] : [];
  }
  if (isObject(kept)) {
    if (!isObject(given)) return [`${path}: not valid, so the default applies.`];
    const fallbackObject = isObject(fallback) ? fallback : {};
    return Object.keys(kept).flatMap((key) => (key in given ? compare(`${path}.${key}`, given[key], kept[key], fallbackObject[key]) : []));
  }
  return given === kept ? [] : [`${path}: ${JSON.stringify(given)} is not valid, so ${JSON.stringify(kept)} applies.`];
}

function droppedSecrets(input: unknown, output: Secrets): string[] {
  if (!isObject(input)) return ['The tokens in this file are not readable; none were imported.'];
  const notes: string[] = [];
  for (const kind of ['githubTokens', 'jiraCredentials'] as const) {
    const given = isObject(input[kind]) ? Object.keys(input[kind]) : [];
    const lost = given.filter((host) => !(host.trim().toLowerCase() in output[kind]));
    const what = kind === 'githubTokens' ? 'GitHub token' : 'Jira credential';
    if (lost.length) notes.push(`Dropped the ${what}${lost.length > 1 ? 's' : ''} for ${lost.join(', ')}: not valid.`);
  }
  return notes;
}

/** A change an import makes only with the user's yes, by id, in words. */
export interface ImportChange {
  id: string;
  text: string;
}

/** What is stored now, and what a file holds. */
interface Stored {
  settings: Settings;
  secrets: Secrets;
}
type FileContent = { settings: Settings; secrets?: Secrets };

const added = (list: string[], before: string[]) => list.filter((entry) => !before.includes(entry));

/** Tokens of the file that differ from the stored ones: added (none stored) or replacing. */
function tokenChanges(current: Secrets, file: Secrets | undefined): ImportChange[] {
  const changes: ImportChange[] = [];
  for (const [kind, what, id] of [['githubTokens', 'GitHub token', 'github-token'], ['jiraCredentials', 'Jira credential', 'jira-credential']] as const) {
    for (const [host, value] of Object.entries(file?.[kind] ?? {})) {
      const now = current[kind][host];
      if (JSON.stringify(now) === JSON.stringify(value)) continue;
      changes.push({ id: `${id}:${host}`, text: now === undefined ? `Adds a ${what} for ${host}.` : `Replaces the ${what} for ${host}.` });
    }
  }
  return changes;
}

/**
 * What importing `file` over `current` would change that FlowLens does only with the user's
 * explicit yes (issue 13): a token or credential added or replaced (whose account FlowLens
 * reads with), a cross-source opt-in or notifications turned on, and a Jira site or GitHub host
 * added (each one is read, and joins the cross-source opt-ins that are on). Turning something
 * off, or any other setting, needs no confirmation.
 */
export function changesToConfirm(current: Stored, file: FileContent): ImportChange[] {
  const was = current.settings;
  const next = file.settings;
  return [
    ...(next.jiraOnGithub && !was.jiraOnGithub ? [{ id: 'jiraOnGithub', text: 'Turns on “Show the Jira tickets a pull request names on GitHub pages”.' }] : []),
    ...(next.pullsOnJira && !was.pullsOnJira ? [{ id: 'pullsOnJira', text: 'Turns on “Show the pull requests that name a Jira ticket on Jira pages”.' }] : []),
    ...(next.notifications.enabled && !was.notifications.enabled ? [{ id: 'notifications', text: 'Turns on desktop notifications.' }] : []),
    ...added(next.jiraSites, was.jiraSites).map((site) => ({ id: `jira-site:${site}`, text: `Adds the Jira site ${site}.` })),
    ...added(next.githubHosts, was.githubHosts).map((host) => ({ id: `github-host:${host}`, text: `Adds the GitHub Enterprise Server host ${host}.` })),
    ...tokenChanges(current.secrets, file.secrets),
  ];
}

/**
 * What to store for `file`: its settings, with every change to confirm that is not in
 * `accepted` left as it is now; the tokens to write (accepted ones only); and a note for each
 * change left out.
 */
export function applyImport(current: Stored, file: FileContent, accepted: readonly string[]): { settings: Settings; tokens: Secrets; notes: string[] } {
  const changes = changesToConfirm(current, file);
  const yes = (id: string) => accepted.includes(id) || !changes.some((change) => change.id === id);
  const was = current.settings;
  const next = file.settings;
  const settings: Settings = {
    ...next,
    jiraOnGithub: yes('jiraOnGithub') ? next.jiraOnGithub : was.jiraOnGithub,
    pullsOnJira: yes('pullsOnJira') ? next.pullsOnJira : was.pullsOnJira,
    notifications: { ...next.notifications, enabled: yes('notifications') ? next.notifications.enabled : was.notifications.enabled },
    jiraSites: next.jiraSites.filter((site) => yes(`jira-site:${site}`)),
    githubHosts: next.githubHosts.filter((host) => yes(`github-host:${host}`)),
  };
  const pick = <T>(kind: string, tokens: Record<string, T> = {}) => Object.fromEntries(Object.entries(tokens).filter(([host]) => changes.some((c) => c.id === `${kind}:${host}`) && accepted.includes(`${kind}:${host}`)));
  const tokens: Secrets = { githubTokens: pick('github-token', file.secrets?.githubTokens), jiraCredentials: pick('jira-credential', file.secrets?.jiraCredentials) };
  const notes = changes.filter((change) => !accepted.includes(change.id)).map((change) => `Not applied without your confirmation: ${change.text}`);
  return { settings, tokens, notes };
}
