/**
 * Where the team's time goes: for each kind of time (components' words from lib/flow/life-split.ts),
 * the median share of a finished item's life it took, over the items finished in the last 90
 * days; as bars (SVG at its own size: 12 px labels) and as a table.
 */
import { LIFE_KINDS, LIFE_WORDS } from '../../lib/flow/life-split';
import { sentenceStart } from '../../lib/flow/cause-text';
import type { TeamSummary } from '../../lib/team/summary-types';

const WIDTH = 352;
const ROW = 24;
const LABEL = 176;

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Props: the summary's time shares, when there are enough finished items. */
export function TimeSharesChart({ shares }: { shares: TeamSummary['timeShares'] }) {
  if (!shares) return <p class="quiet">Appears once five items have finished.</p>;
  const kinds = LIFE_KINDS.filter((kind) => (shares.medians[kind] ?? 0) > 0).sort((a, b) => shares.medians[b]! - shares.medians[a]!);
  if (kinds.length === 0) return <p class="quiet">No kind of time stands out in the finished items.</p>;
  const bar = WIDTH - LABEL - 44;
  return (
    <figure class="chart" data-testid="time-shares">
      <svg viewBox={`0 0 ${WIDTH} ${kinds.length * ROW}`} width={WIDTH} height={kinds.length * ROW} aria-hidden="true" focusable="false">
        {kinds.map((kind, i) => {
          const share = shares.medians[kind]!;
          return (
            <g key={kind} transform={`translate(0 ${i * ROW})`}>
              <text x="0" y={ROW / 2 + 4.5} class="axis-label">{sentenceStart(LIFE_WORDS[kind])}</text>
              <rect x={LABEL} y="4" height={ROW - 8} width={Math.max(2, share * bar)} rx="2" class={`bar life-${kind}`} />
              <text x={LABEL + Math.max(2, share * bar) + 4} y={ROW / 2 + 4.5} class="value">{percent(share)}</text>
            </g>
          );
        })}
      </svg>
      <table class="ages" data-testid="time-shares-table">
        <thead>
          <tr><th scope="col">Kind of time</th><th scope="col">Median share</th></tr>
        </thead>
        <tbody>
          {kinds.map((kind) => <tr key={kind}><th scope="row">{sentenceStart(LIFE_WORDS[kind])}</th><td>{percent(shares.medians[kind]!)}</td></tr>)}
        </tbody>
      </table>
      <figcaption>Median share of each kind of time in the lives of the {shares.sample} items the team finished in the last 90 days (all of them: the filters apply to open items).</figcaption>
    </figure>
  );
}
