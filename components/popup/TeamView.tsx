/** The team summary's sections, seen through the popup's filters. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { timeWords } from '../../lib/format';
import { FIRST_FRAME_ROWS } from '../../lib/team/first-paint';
import { driftItems, filterSummary, glanceOf } from '../../lib/team/summary';
import { summaryMarkdown } from '../../lib/team/summary-markdown';
import type { TeamFilters, TeamGlance, TeamSummary } from '../../lib/team/summary-types';
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

/** Props: the summary (or, until it is read, the kept head's glance), the exporter and the clock for the report's date. */
export interface TeamViewProps {
  /** The whole summary; until it comes, `head` is shown. */
  summary?: TeamSummary | undefined;
  /** The kept copy's first look (lib/team/first-paint.ts), painted while the whole summary is read. */
  head?: TeamGlance | undefined;
  exporter: Exporter;
  now: () => number;
}

/**
 * The counts, the filters, the stuck list, the charts, the graph and the export: every section
 * filtered alike. With only the kept head, the first three are painted from it; a filter chosen
 * before the whole summary comes is kept and applies once it is there.
 *
 * What is worked out from the summary, and the sections drawn from it, are kept while the summary
 * and the filters stay the same: the popup renders again for its status, its last look and a
 * fresh answer that brings the same summary, and with 2,000 items drawing the charts again each
 * time held its main thread in tasks over 50 ms (`npm run bench`'s popup, 4 Dec 2026).
 */
export function TeamView({ summary, head, exporter, now }: TeamViewProps) {
  const [filters, setFilters] = useState<TeamFilters>({});
  const [all, setAll] = useState(false);
  // Effects run after the browser has painted: the first frame is on screen by then.
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  const shown = useMemo(() => (summary ? filterSummary(summary, filters) : undefined), [summary, filters]);
  const glance = useMemo(() => (summary && shown ? glanceOf(summary, filters, shown) : head), [summary, filters, shown, head]);
  const oneRepo = glance?.oneRepo ?? false;
  const later = useMemo(() => (painted && summary && shown ? <Later summary={summary} shown={shown} filters={filters} exporter={exporter} now={now} oneRepo={oneRepo} /> : null), [painted, summary, shown, filters, exporter, now, oneRepo]);
  if (!glance) return null;
  const { state, ...others } = filters;
  const onState = (next: TeamFilters['state']) => setFilters(next ? { ...others, state: next } : others);
  const { stuck, stuckCount } = glance;
  return (
    <>
      <Headline glance={glance} state={state} onState={onState} />
      <Filters people={glance.people} filters={filters} onChange={setFilters} />
      <section aria-labelledby="stuck-heading" {...(summary ? {} : { 'aria-busy': 'true' })}>
        <h2 id="stuck-heading">Blocked, waiting and failing <span class="quiet">{stuckCount} of {glance.open} open</span></h2>
        <StuckList items={all ? stuck : stuck.slice(0, painted ? FIRST_ROWS : FIRST_FRAME_ROWS)} at={glance.at} oneRepo={oneRepo} />
        {!all && stuckCount > FIRST_ROWS ? <button type="button" onClick={() => setAll(true)}>Show all {stuckCount}</button> : null}
      </section>
      {later}
    </>
  );
}

/** The sections after the list: painted from the second frame on. */
function Later({ summary, shown, filters, exporter, now, oneRepo }: { summary: TeamSummary; shown: TeamSummary; filters: TeamFilters; exporter: Exporter; now: () => number; oneRepo: boolean }) {
  const date = new Date(now()).toISOString().slice(0, 10);
  return (
    <>
      <section aria-labelledby="drift-heading">
        <h2 id="drift-heading">Jira–GitHub drift <span class="quiet">{driftItems(shown.items).length} of {shown.items.length} open</span></h2>
        <DriftList items={shown.items} filtered={shown.filtered === true} oneRepo={oneRepo} />
      </section>
      <section aria-labelledby="clusters-heading">
        <h2 id="clusters-heading">Blocked time by cause</h2>
        <p class="quiet" data-testid="blocked-time-kind">{timeWords(summary.blockedTime ?? 'calendar')}</p>
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
