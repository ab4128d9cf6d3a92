/**
 * A list of queries per host (GitHub searches, Jira JQL): add one after checking it locally and
 * with the server, check or remove the ones saved. A query the server rejects is not added: its
 * words stay in the field with the server's message. When the server cannot be asked (offline,
 * no access), the query is added and the reason shown beside it.
 */
import { useState } from 'preact/hooks';
import { hostOf } from './HostListForm';

/** What a check found. */
export interface CheckReport {
  /** `rejected`: the server refused the query; `unknown`: it could not be asked. */
  verdict: 'accepted' | 'rejected' | 'unknown';
  message: string;
}

/** One saved query. */
export interface QueryEntry {
  host: string;
  text: string;
}

/** Props of the list. */
export interface QueryListProps {
  id: string;
  legend: string;
  hint: string;
  hostLabel: string;
  textLabel: string;
  placeholder: string;
  hosts: string[];
  maxLength: number;
  entries: QueryEntry[];
  /** Why a host cannot take queries, if it cannot. */
  checkHost: (host: string) => string | undefined;
  check: (entry: QueryEntry) => Promise<CheckReport>;
  onSave: (entries: QueryEntry[]) => Promise<string | undefined>;
}

const keyOf = (entry: QueryEntry) => `${entry.host}\n${entry.text}`;

/** The list and its add form. */
export function QueryList(props: QueryListProps) {
  const checks = useEntryChecks(props.check);
  return (
    <fieldset class="group" data-testid={props.id}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      {props.entries.length > 0 ? <SavedQueries entries={props.entries} reports={checks.reports} onCheck={checks.recheck} onSave={props.onSave} /> : null}
      <AddQueryForm {...props} onAdded={checks.remember} />
    </fieldset>
  );
}

/** What the server said of each saved query, and a way to ask again. */
function useEntryChecks(check: QueryListProps['check']) {
  const [reports, setReports] = useState<Record<string, CheckReport | 'checking'>>({});
  const remember = (entry: QueryEntry, report: CheckReport | 'checking') => setReports((old) => ({ ...old, [keyOf(entry)]: report }));
  const recheck = async (entry: QueryEntry) => {
    remember(entry, 'checking');
    remember(entry, await check(entry));
  };
  return { reports, remember, recheck };
}

/** The saved queries, each with its Check and Remove buttons and what its last check found. */
function SavedQueries(props: { entries: QueryEntry[]; reports: Record<string, CheckReport | 'checking'>; onCheck: (entry: QueryEntry) => Promise<void>; onSave: QueryListProps['onSave'] }) {
  return (
    <ul class="entries">
      {props.entries.map((entry) => (
        <li key={keyOf(entry)}>
          <span class="host-name">{entry.host}</span> <code>{entry.text}</code>
          <button type="button" onClick={() => void props.onCheck(entry)} aria-label={`Check ${entry.text} on ${entry.host}`}>
            Check
          </button>
          <button type="button" onClick={() => void props.onSave(props.entries.filter((e) => keyOf(e) !== keyOf(entry)))} aria-label={`Remove ${entry.text} on ${entry.host}`}>
            Remove
          </button>
          <Report report={props.reports[keyOf(entry)]} />
        </li>
      ))}
    </ul>
  );
}

/** The query being typed, as an entry to add, or why it cannot be one. */
function readDraft(props: QueryListProps, host: string, text: string): QueryEntry | string {
  const entry = { host: hostOf(host), text: text.trim() };
  if (!entry.host) return `Enter the ${props.hostLabel.toLowerCase()}.`;
  const hostProblem = props.checkHost(entry.host);
  if (hostProblem) return hostProblem;
  if (!entry.text) return `Enter a ${props.textLabel.toLowerCase()}.`;
  if (entry.text.length > props.maxLength) return `Keep it under ${props.maxLength} characters.`;
  if (props.entries.some((e) => keyOf(e) === keyOf(entry))) return 'This query is already in the list.';
  return entry;
}

/** The add form's state: what is typed, its error, and checking or adding it. */
function useQueryDraft(props: QueryListProps, onAdded: (entry: QueryEntry, report: CheckReport) => void) {
  const [typedHost, setHost] = useState<string>();
  // Until the user types a host, the first known one (a site added later included).
  const host = typedHost ?? props.hosts[0] ?? '';
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [draftReport, setDraftReport] = useState<CheckReport>();
  const checkDraft = async () => {
    const entry = readDraft(props, host, text);
    if (typeof entry === 'string') return setError(entry);
    setError('');
    setDraftReport({ verdict: 'unknown', message: 'Checking…' });
    const report = await props.check(entry);
    setDraftReport(report);
    if (report.verdict === 'rejected') setError(report.message);
  };
  const add = async (event: Event) => {
    event.preventDefault();
    const entry = readDraft(props, host, text);
    if (typeof entry === 'string') return setError(entry);
    setDraftReport({ verdict: 'unknown', message: 'Checking…' });
    const report = await props.check(entry);
    if (report.verdict === 'rejected') {
      setDraftReport(undefined);
      return setError(report.message);
    }
    const problem = await props.onSave([...props.entries, entry]);
    setDraftReport(undefined);
    if (problem) return setError(problem);
    setError('');
    setText('');
    onAdded(entry, report);
  };
  return { host, setHost, text, setText, error, draftReport, checkDraft, add };
}

/** The form that checks a query and adds it. */
function AddQueryForm(props: QueryListProps & { onAdded: (entry: QueryEntry, report: CheckReport) => void }) {
  const { host, setHost, text, setText, error, draftReport, checkDraft, add } = useQueryDraft(props, props.onAdded);
  const errorId = `${props.id}-error`;
  return (
    <form onSubmit={add} class="query-form">
      <label for={`${props.id}-host`}>{props.hostLabel}</label>
      <input id={`${props.id}-host`} list={`${props.id}-hosts`} value={host} autocomplete="off" onInput={(e) => setHost((e.currentTarget as HTMLInputElement).value)} aria-describedby={errorId} />
      <datalist id={`${props.id}-hosts`}>
        {props.hosts.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <label for={`${props.id}-text`}>{props.textLabel}</label>
      <textarea
        id={`${props.id}-text`}
        rows={2}
        spellcheck={false}
        value={text}
        placeholder={props.placeholder}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={`${props.id}-hint ${errorId}`}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div>
        <button type="button" onClick={() => void checkDraft()}>
          Check
        </button>
        <button type="submit">Add</button>
      </div>
      <p id={errorId} class="error" aria-live="polite" data-testid={`${props.id}-error`}>
        {error}
      </p>
      {draftReport && draftReport.verdict !== 'rejected' ? <Report report={draftReport} /> : null}
    </form>
  );
}

function Report({ report }: { report: CheckReport | 'checking' | undefined }) {
  if (!report) return null;
  if (report === 'checking') return <p role="status">Checking…</p>;
  return (
    <p role="status" class={report.verdict === 'accepted' ? 'ok' : 'error'}>
      {report.message}
    </p>
  );
}
