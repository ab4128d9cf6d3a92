/** The team summary's sections, seen through the popup's filters. */
import { useEffect, useState } from 'preact/hooks';
import { FIRST_FRAME_ROWS } from '../../lib/team/first-paint';
import { isStuck } from '../../lib/flow/flow-states';
import { repoOf } from '../../lib/flow/item-names';
import { driftItems, filterSummary } from '../../lib/team/summary';
import { summaryMarkdown } from '../../lib/team/summary-markdown';
import type { TeamFilters, TeamSummary } from '../../lib/team/summary-types';
import { AgingChart } from './AgingChart';
import { ClusterChart } from './ClusterChart';
import { ExportButtons, type Exporter } from './ExportButtons';
import { DriftList } from './DriftList';
import { Filters } from './Filters';
import { GraphSection } from './GraphSection';
import { Headline } from './Headline';
import { TimeSharesChart } from './TimeSharesChart';
import { StuckList } from './StuckList';

/** Rows shown before "Show all": the popup stays short and quick to paint. */
const FIRST_ROWS = 30;

/** Props: the summary, the exporter and the clock for the report's date. */
export interface TeamViewProps {
  summary: TeamSummary;
  exporter: Exporter;
  now: () => number;
}

/** The counts, the filters, the stuck list, the charts, the graph and the export: every section filtered alike. */
export function TeamView({ summary, exporter, now }: TeamViewProps) {
  const [filters, setFilters] = useState<TeamFilters>({});
  const [all, setAll] = useState(false);
  // Effects run after the browser has painted: the first frame is on screen by then.
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  const shown = filterSummary(summary, filters);
  const stuck = shown.items.filter((item) => isStuck(item.state));
  // The counts are of every state: each is the state filter's toggle.
  const { state, ...others } = filters;
  const onState = (next: TeamFilters['state']) => setFilters(next ? { ...others, state: next } : others);
  // Keys read `#7` when the team's items are of one repository, whatever the filters show.
  const oneRepo = new Set(summary.items.flatMap((item) => repoOf(item.key) ?? [])).size <= 1;
  return (
    <>
      <Headline summary={filterSummary(summary, others)} shown={shown} state={state} onState={onState} oneRepo={oneRepo} />
      <Filters people={summary.people} filters={filters} onChange={setFilters} />
      <section aria-labelledby="stuck-heading">
        <h2 id="stuck-heading">Blocked, waiting and failing <span class="quiet">{stuck.length} of {shown.items.length} open</span></h2>
        <StuckList items={all ? stuck : stuck.slice(0, painted ? FIRST_ROWS : FIRST_FRAME_ROWS)} at={summary.at} oneRepo={oneRepo} />
        {!all && stuck.length > FIRST_ROWS ? <button type="button" onClick={() => setAll(true)}>Show all {stuck.length}</button> : null}
      </section>
      {painted ? <Later summary={summary} shown={shown} filters={filters} exporter={exporter} now={now} oneRepo={oneRepo} /> : null}
    </>
  );
}

/** The sections after the list: painted from the second frame on. */
function Later({ summary, shown, filters, exporter, now, oneRepo }: TeamViewProps & { shown: TeamSummary; filters: TeamFilters; oneRepo: boolean }) {
  const date = new Date(now()).toISOString().slice(0, 10);
  return (
    <>
      <section aria-labelledby="drift-heading">
        <h2 id="drift-heading">Jira–GitHub drift <span class="quiet">{driftItems(shown.items).length} of {shown.items.length} open</span></h2>
        <DriftList items={shown.items} filtered={shown.filtered === true} oneRepo={oneRepo} />
      </section>
      <section aria-labelledby="clusters-heading">
        <h2 id="clusters-heading">Blocked time by cause</h2>
        <ClusterChart clusters={shown.clusters} />
      </section>
      <section aria-labelledby="aging-heading">
        <h2 id="aging-heading">Aging work in progress</h2>
        <AgingChart items={shown.items} percentiles={shown.percentiles} />
      </section>
      <section aria-labelledby="time-heading">
        <h2 id="time-heading">Where the time went</h2>
        <TimeSharesChart shares={summary.timeShares} />
      </section>
      <section aria-labelledby="graph-heading">
        <h2 id="graph-heading">Dependencies</h2>
        <GraphSection criticalPath={shown.criticalPath} topHolders={shown.topHolders} filtered={shown.filtered === true} />
      </section>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <ExportButtons markdown={() => summaryMarkdown(summary, filters, now())} filename={`flowlens-team-${date}.md`} exporter={exporter} />
      </section>
    </>
  );
}
