/**
 * The team summary as Markdown, for a retro or a stand-up: headline counts, the blocked and
 * waiting items with their age, cause, owner, first move and link, the drift between Jira and
 * GitHub with the move that puts each right, where the blocked time goes,
 * the oldest work against the team's cycle times, where finished items' time went, and the
 * critical path. Pure: time is an argument.
 */
import { shortKey } from '../flow/item-names';
import { formatDuration, timeWords } from '../format';
import { timeInState } from '../flow-view';
import { httpsHref } from '../safe-url';
import { clusterName } from '../flow/clusters';
import { isStuck, stateName, STATE_WORDS, STUCK_STATES } from '../flow/flow-states';
import { levelName } from '../flow/rubric';
import { LIFE_WORDS, rankedShares } from '../flow/life-split';
import { sentenceStart } from '../flow/cause-text';
import { driftItems, filterSummary, heldUp, noChain, noDrift, percentileReached } from './summary';
import type { NamedItem, TeamFilters, TeamItem, TeamSummary } from './summary-types';

/** How many of the oldest open items the aging section lists. */
const OLDEST = 10;

/** Text safe inside a Markdown table cell or link text: one line, Markdown punctuation escaped. */
export function escapeMarkdown(text: string): string {
  return text
    // Each run of white space holding a line break becomes one space. Runs are matched whole:
    // `/\s*[\r\n]+\s*/g` tried every space of a run as a start, quadratic in a long one.
    .replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run))
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .trim();
}

/** An https URL with the characters that end a Markdown link destination encoded; else nothing. */
function safeUrl(url: string | undefined): string | undefined {
  const https = httpsHref(url);
  if (!https) return undefined;
  return https.replace(/[\s()<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function link(item: NamedItem): string {
  const text = escapeMarkdown(`${shortKey(item.key)} ${item.title}`);
  const url = safeUrl(item.url);
  return url ? `[${text}](${url})` : text;
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function filterLine(filters: TeamFilters): string[] {
  const parts = [
    filters.person !== undefined ? `person ${escapeMarkdown(filters.person)}` : '',
    filters.source !== undefined ? `source ${filters.source === 'github' ? 'GitHub' : 'Jira'}` : '',
    filters.state !== undefined ? `state ${stateName(filters.state)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? [`Filtered by ${parts.join(', ')}.`, ''] : [];
}

function headline(items: readonly TeamItem[]): string {
  const count = (state: TeamItem['state']) => items.filter((item) => item.state === state).length;
  return `**${STUCK_STATES.map((state) => `${count(state)} ${STATE_WORDS[state]}`).join(', ')}** of ${items.length} open items.`;
}

function stuckTable(items: readonly TeamItem[], at: number): string[] {
  const stuck = items.filter((item) => isStuck(item.state));
  if (stuck.length === 0) return ['Nothing is blocked or waiting.'];
  const rows = stuck.map((item) => {
    const lasted = timeInState(item, at);
    const since = lasted ? `${lasted.text}${lasted.why ? ` (${escapeMarkdown(lasted.why)})` : ''}` : 'start not recorded';
    const move = item.move ? `${item.move.tag ?? levelName(item.move.level)}: ${escapeMarkdown(item.move.text)}` : '';
    return `| ${link(item)} | ${stateName(item.state)} | ${since} | ${escapeMarkdown(item.cause ?? '')} | ${escapeMarkdown(item.owner ?? '')} | ${move} |`;
  });
  return ['| Item | State | For | Cause | Owner | First move |', '| --- | --- | --- | --- | --- | --- |', ...rows];
}

/** Each drift between Jira and GitHub, a line each: the item, what is out of step, the move that puts it right. */
function driftLines(summary: TeamSummary): string[] {
  const drifted = driftItems(summary.items);
  if (drifted.length === 0) return [noDrift(summary.filtered === true)];
  return drifted.flatMap((item) => item.drift!.map((drift) => {
    const move = drift.move ? ` Next (${drift.move.tag}): ${escapeMarkdown(drift.move.text)}` : '';
    return `- ${link(item)}: ${escapeMarkdown(drift.text)}${move}`;
  }));
}

function clusterTable(summary: TeamSummary): string[] {
  if (summary.clusters.length === 0) return ['No blocked time recorded.'];
  const rows = summary.clusters.map((c) => `| ${clusterName(c.cluster)} | ${formatDuration(c.blockedMs)} | ${c.items} |`);
  return [timeWords(summary.blockedTime ?? 'calendar'), '', '| Cause | Blocked time | Items |', '| --- | --- | --- |', ...rows];
}

function aging(summary: TeamSummary): string[] {
  const p = summary.percentiles;
  const head = p
    ? `Cycle time of ${p.sample} finished items: 50% within ${formatDuration(p.p50)}, 70% within ${formatDuration(p.p70)}, 85% within ${formatDuration(p.p85)}, 95% within ${formatDuration(p.p95)}.`
    : 'Too few finished items yet for cycle-time percentiles.';
  const oldest = [...summary.items].sort((a, b) => b.ageMs - a.ageMs).slice(0, OLDEST);
  if (oldest.length === 0) return [head];
  const rows = oldest.map((item) => {
    const reached = p ? percentileReached(item.ageMs, p) : undefined;
    return `| ${link(item)} | ${formatDuration(item.ageMs)} | ${reached ? `past ${reached}th` : p ? 'below 50th' : ''} |`;
  });
  return [head, '', '| Oldest open items | Age | Percentile |', '| --- | --- | --- |', ...rows];
}

/** Where the finished items' time went: each kind's median share, largest first. */
function timeShares(summary: TeamSummary): string[] {
  const shares = summary.timeShares;
  if (!shares) return ['Too few finished items yet to say where their time went.'];
  const rows = rankedShares(shares.medians).map(([kind, share]) => `| ${sentenceStart(LIFE_WORDS[kind])} | ${Math.round(share * 100)} % |`);
  return [`Median share of each kind of time in the lives of the ${shares.sample} items finished in the last 90 days.`, '', '| Kind of time | Median share |', '| --- | --- |', ...rows];
}

function graphPart(summary: TeamSummary): string[] {
  const path = summary.criticalPath;
  const chain = path.steps.length > 0 ? [`${path.steps.map(link).join(' → ')} (open ${formatDuration(path.ageMs)})`] : [noChain(summary.filtered === true)];
  const holders = summary.topHolders.map((h) => `- ${link(h)} holds up ${heldUp(h.holdsUp, summary.filtered === true)}`);
  return ['## Critical path', '', ...chain, ...(holders.length > 0 ? ['', '## Holding up the most', '', ...holders] : [])];
}

/** The summary, seen through `filters`, as a Markdown report written at `now`. */
export function summaryMarkdown(summary: TeamSummary, filters: TeamFilters, now: number): string {
  const shown = filterSummary(summary, filters);
  return [
    `# FlowLens team summary, ${utc(now)}`,
    '',
    ...filterLine(filters),
    headline(shown.items),
    '',
    '## Blocked and waiting',
    '',
    ...stuckTable(shown.items, summary.at),
    '',
    '## Jira–GitHub drift',
    '',
    ...driftLines(shown),
    '',
    '## Blocked time by cause',
    '',
    ...clusterTable(shown),
    '',
    '## Aging work in progress',
    '',
    ...aging(shown),
    '',
    '## Where the time went',
    '',
    ...timeShares(shown),
    '',
    ...graphPart(shown),
    '',
  ].join('\n');
}
