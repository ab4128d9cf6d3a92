/**
 * "Since you last looked": what changed in the team's items since the popup was last open, as a
 * short list at the top (newly blocked, waiting on new items, unblocked, done), one quiet line when
 * nothing did, and one on the very first look. Computed from the cache (lib/team/since-last.ts).
 */
import { useState } from 'preact/hooks';
import { repoOf, rowKey, shortKey } from '../../lib/flow/item-names';
import { httpsHref } from '../../lib/safe-url';
import { localTime } from '../../lib/local-time';
import { changeCounts, changeText, type SinceChange } from '../../lib/team/since-last';
import type { TeamItem } from '../../lib/team/summary-types';
import { StateGlyph } from '../StateGlyph';

/** Entries shown before "Show all": the section stays a glance, the list below it stays in view. */
export const FIRST_CHANGES = 5;

/** What the section shows: nothing to compare with yet, or the changes since the last look at `at`. */
export type SinceView = { first: true } | { at: number; changes: SinceChange[] };

/** Props: the view, the rows now (for their causes in a few words and how keys read), and how the last look's time is said. */
export interface SinceLastProps {
  since: SinceView;
  items: readonly TeamItem[];
  time: (ms: number) => string;
}

/** Whether the rows and the changed items are all of one repository: keys then read `#7`, as in the list (a done item may be of another). */
function ofOneRepo(items: readonly TeamItem[], changes: readonly SinceChange[]): boolean {
  return new Set([...items, ...changes.map((change) => change.item)].flatMap((item) => repoOf(item.key) ?? [])).size <= 1;
}

/** The glyph of an entry: the state it is in now, done for a done item. */
function glyphOf(change: SinceChange) {
  return change.kind === 'done' ? 'done' : change.item.state;
}

/** One change: the item's key as a link to its own page (its title in its name), then what changed. */
function Entry({ change, cause, oneRepo }: { change: SinceChange; cause: string | undefined; oneRepo: boolean }) {
  const { item } = change;
  const href = httpsHref(item.url);
  const name = `${shortKey(item.key)} ${item.title}`;
  const key = rowKey(item.key, oneRepo);
  const text = changeText(change, cause);
  return (
    <li class={`since state-${glyphOf(change)}`} data-testid="since-item" data-kind={change.kind} data-key={item.key} title={`${name}\n${text}`}>
      <StateGlyph state={glyphOf(change)} />
      {href ? <a class="key" href={href} target="_blank" rel="noreferrer" aria-label={name}>{key}</a> : <span class="key">{key}<span class="sr-only"> {item.title}</span></span>}
      <span class="text">{text}</span>
    </li>
  );
}

/** The section. */
export function SinceLast({ since, items, time }: SinceLastProps) {
  const [all, setAll] = useState(false);
  if ('first' in since) {
    return <p class="quiet" data-testid="since-last">What changes from now on will show here the next time you open FlowLens.</p>;
  }
  const { changes } = since;
  if (changes.length === 0) {
    return <p class="quiet" data-testid="since-last">Nothing changed since you last looked ({time(since.at)}).</p>;
  }
  const causes = new Map(items.map((row) => [row.key, row.headCause]));
  const shown = all ? changes : changes.slice(0, FIRST_CHANGES);
  const oneRepo = ofOneRepo(items, changes);
  return (
    <section class="since-last" aria-labelledby="since-heading" data-testid="since-last">
      <h2 id="since-heading">Since you last looked <span class="quiet">({time(since.at)})</span></h2>
      <p class="quiet">{changeCounts(changes)}</p>
      <ul class="since-list">
        {shown.map((change) => (
          <Entry key={change.item.key} change={change} cause={change.kind === 'blocked' ? causes.get(change.item.key) : undefined} oneRepo={oneRepo} />
        ))}
      </ul>
      {shown.length < changes.length ? <button type="button" onClick={() => setAll(true)}>Show all {changes.length} changes</button> : null}
    </section>
  );
}

/**
 * The last look's time: its weekday and time within the past week ("Tue 10:02"), else its date
 * and time ("3 Nov, 10:02"), in the browser's language.
 */
export function lookedTime(ms: number, now: number): string {
  const recent = now - ms < 6 * 86_400_000;
  return localTime(ms, recent ? 'weekdayClock' : 'dateClock');
}
