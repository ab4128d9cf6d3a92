import { describe, expect, it } from 'vitest';
import { changelogEvents, doneByResolution, type ChangelogContext, type JiraHistory } from './changelog';
import { readHistories } from './histories';

const HOST = 'acme.atlassian.net';
const ctx = (done: string[] = [], open: string[] = []): ChangelogContext => ({ host: HOST, doneStatuses: new Set(done), openStatuses: new Set(open), blockedByLinks: new Set(['is blocked by']) });

const status = (from: string, to: string) => ({ field: 'status', fieldId: 'status', fromString: from, toString: to });
/** Jira's resolution item: set on entering a done status, cleared on leaving it. */
const resolution = (from: string | null, to: string | null) => ({ field: 'resolution', fieldId: 'resolution', from: from && '10000', fromString: from, to: to && '10000', toString: to });
/** A history as Jira sends it, read as the provider reads it. */
const history = (created: string, ...items: object[]): JiraHistory => readHistories([{ created, items }])[0]!;

const flow = (histories: JiraHistory[], context: ChangelogContext) => changelogEvents(histories, context).filter((e) => e.type !== 'status').map((e) => `${e.type} ${e.at}`);

describe('changelogEvents on status changes', () => {
  const shipped = history('2026-11-05T10:00:00.000+0000', resolution(null, 'Done'), status('In Review', 'Shipped'));
  const reopened = history('2026-11-06T10:00:00.000+0000', status('Shipped', 'In Progress'), resolution('Done', null));

  it('closes on entering a status whose history sets the resolution, though no name says done', () => {
    expect(flow([shipped], ctx())).toEqual(['closed 2026-11-05T10:00:00.000Z']);
  });

  it('reopens on leaving a status whose history clears the resolution, whichever item comes first', () => {
    expect(flow([reopened, shipped], ctx())).toEqual(['reopened 2026-11-06T10:00:00.000Z', 'closed 2026-11-05T10:00:00.000Z']);
    const flipped = history('2026-11-05T10:00:00.000+0000', status('In Review', 'Shipped'), resolution(null, 'Done'));
    expect(flow([flipped], ctx())).toEqual(['closed 2026-11-05T10:00:00.000Z']);
  });

  it('closes once when both the name and the resolution say done', () => {
    expect(flow([shipped], ctx(['shipped']))).toEqual(['closed 2026-11-05T10:00:00.000Z']);
  });

  it('still reads done statuses by name when no resolution moves', () => {
    const plain = [history('2026-11-05T10:00:00.000+0000', status('In Review', 'Done')), history('2026-11-06T10:00:00.000+0000', status('Done', 'To Do'))];
    expect(flow(plain, ctx(['done']))).toEqual(['closed 2026-11-05T10:00:00.000Z', 'reopened 2026-11-06T10:00:00.000Z']);
    expect(flow(plain, ctx())).toEqual([]);
  });

  it('says nothing when one resolution replaces another (done to done)', () => {
    const moved = history('2026-11-05T10:00:00.000+0000', status('Done', 'Closed'), resolution('Done', "Won't Do"));
    expect(flow([moved], ctx())).toEqual([]);
    expect(flow([moved], ctx(['done', 'closed']))).toEqual([]);
  });

  it('does not close on a resolution set while entering a status Jira shows open now', () => {
    const quirk = history('2026-11-05T10:00:00.000+0000', resolution(null, 'Fixed'), status('In Progress', 'In Review'));
    expect(flow([quirk], ctx([], ['in review']))).toEqual([]);
  });
});

describe('changelogEvents while the resolution stays set', () => {
  const resolved = history('2026-11-05T10:00:00.000+0000', resolution(null, 'Done'), status('In Progress', 'Closed'));

  it('reopens nothing on a move between statuses with the resolution still set, replayed in time order', () => {
    const migrated = history('2026-11-08T10:00:00.000+0000', status('Closed', 'Archived'));
    // Newest first, as the agile API sends them.
    expect(flow([migrated, resolved], ctx(['closed']))).toEqual(['closed 2026-11-05T10:00:00.000Z']);
  });

  it('reopens on a move to a status Jira shows open now, even when the resolution was not cleared', () => {
    const back = history('2026-11-08T10:00:00.000+0000', status('Closed', 'In Progress'));
    expect(flow([resolved, back], ctx(['closed'], ['in progress']))).toEqual(['closed 2026-11-05T10:00:00.000Z', 'reopened 2026-11-08T10:00:00.000Z']);
  });
});

describe('doneByResolution', () => {
  it('names the statuses entered as the resolution is set and left as it is cleared', () => {
    const histories = [
      [history('2026-11-05T10:00:00.000+0000', resolution(null, 'Done'), status('In Review', 'Shipped'))],
      [history('2026-11-06T10:00:00.000+0000', status('Released', 'To Do'), resolution('Done', null)), history('2026-11-04T10:00:00.000+0000', status('To Do', 'In Progress'))],
    ];
    expect(doneByResolution(histories)).toEqual(new Set(['shipped', 'released']));
  });
});

describe('changelogEvents dates', () => {
  const flagged = (created: string | number): JiraHistory => readHistories([{ created, items: [{ field: 'Flagged', fieldId: 'customfield_10021', fromString: '', toString: 'Impediment' }] }])[0]!;
  const flagCtx: ChangelogContext = { ...ctx(), flaggedFieldId: 'customfield_10021' };

  it('reads each history’s date as the flow core reads it, epoch seconds and milliseconds alike', () => {
    const events = changelogEvents([flagged(1492070429), flagged(1492070429000), flagged('2017-04-13T16:00:29.000+0800')], flagCtx);
    expect(events.map((e) => e.at)).toEqual(['2017-04-13T08:00:29.000Z', '2017-04-13T08:00:29.000Z', '2017-04-13T08:00:29.000Z']);
  });

  it('skips a history dated without a zone, rather than reading it in the machine’s zone', () => {
    expect(changelogEvents([flagged('2017-04-13T08:00:29.000')], flagCtx)).toEqual([]);
  });
});
