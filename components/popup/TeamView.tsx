/** The team summary's sections, seen through the popup's filters. */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FIRST_FRAME_ROWS } from '../../lib/team/first-paint';
import { isStuck, STATE_WORDS, STUCK_STATES } from '../../lib/flow/flow-states';
import { filterSummary } from '../../lib/team/summary';
import { summaryMarkdown } from '../../lib/team/summary-markdown';
import type { TeamFilters, TeamSummary } from '../../lib/team/summary-types';
import { AgingChart } from './AgingChart';
import { ClusterChart } from './ClusterChart';
import { ExportButtons, type Exporter } from './ExportButtons';
import { Filters } from './Filters';
import { GraphSection } from './GraphSection';
import { StuckList } from './StuckList';

/** Rows shown before "Show all": the popup stays short and quick to paint. */
const FIRST_ROWS = 30;

/** Props: the summary, the exporter and the clock for the report's date. */
export interface TeamViewProps {
  summary: TeamSummary;
  exporter: Exporter;
  now: () => number;
}

function Counts({ summary }: { summary: TeamSummary }) {
  const count = (state: string) => summary.items.filter((item) => item.state === state).length;
  return (
    <p class="counts" data-testid="counts">
      {STUCK_STATES.map((state) => <Fragment key={state}><strong>{count(state)}</strong> {STATE_WORDS[state]} · </Fragment>)}{summary.items.length} open
    </p>
  );
}

/** Filters, counts, the stuck list, the charts, the graph and the export. */
export function TeamView({ summary, exporter, now }: TeamViewProps) {
  const [filters, setFilters] = useState<TeamFilters>({});
  const [all, setAll] = useState(false);
  // Effects run after the browser has painted: the first frame is on screen by then.
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  const shown = filterSummary(summary, filters);
  const stuck = shown.items.filter((item) => isStuck(item.state));
  return (
    <>
      <Filters people={summary.people} filters={filters} onChange={setFilters} />
      <Counts summary={shown} />
      <section aria-labelledby="stuck-heading">
        <h2 id="stuck-heading">Blocked and waiting</h2>
        <StuckList items={all ? stuck : stuck.slice(0, painted ? FIRST_ROWS : FIRST_FRAME_ROWS)} at={summary.at} />
        {!all && stuck.length > FIRST_ROWS ? <button type="button" onClick={() => setAll(true)}>Show all {stuck.length}</button> : null}
      </section>
      {painted ? <Later summary={summary} shown={shown} filters={filters} exporter={exporter} now={now} /> : null}
    </>
  );
}

/** The sections after the list: painted from the second frame on. */
function Later({ summary, shown, filters, exporter, now }: TeamViewProps & { shown: TeamSummary; filters: TeamFilters }) {
  const date = new Date(now()).toISOString().slice(0, 10);
  return (
    <>
      <section aria-labelledby="clusters-heading">
        <h2 id="clusters-heading">Blocked time by cause</h2>
        <ClusterChart clusters={shown.clusters} />
      </section>
      <section aria-labelledby="aging-heading">
        <h2 id="aging-heading">Aging work in progress</h2>
        <AgingChart items={shown.items} percentiles={shown.percentiles} />
      </section>
      <section aria-labelledby="graph-heading">
        <h2 id="graph-heading">Dependencies</h2>
        <GraphSection criticalPath={summary.criticalPath} topHolders={summary.topHolders} />
      </section>
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <ExportButtons markdown={() => summaryMarkdown(summary, filters, now())} filename={`flowlens-team-${date}.md`} exporter={exporter} />
      </section>
    </>
  );
}
