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
