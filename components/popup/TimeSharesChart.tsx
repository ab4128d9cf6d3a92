/**
 * Where the team's time goes: for each kind of time (components' words from lib/flow/life-split.ts),
 * the median share of a finished item's life it took, over the items finished in the last 90
 * days; as bars (SVG at its own size: 12 px labels) and as a table.
 */
import { LIFE_WORDS, rankedShares } from '../../lib/flow/life-split';
import { sentenceStart } from '../../lib/flow/cause-text';
import type { TeamSummary } from '../../lib/team/summary-types';
import { HBars } from './HBars';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Props: the summary's time shares, when there are enough finished items. */
export function TimeSharesChart({ shares }: { shares: TeamSummary['timeShares'] }) {
  if (!shares) return <p class="quiet">Appears once five items have finished.</p>;
  const ranked = rankedShares(shares.medians);
  if (ranked.length === 0) return <p class="quiet">No kind of time stands out in the finished items.</p>;
  // A full bar is the whole of a life: the bars show shares, not one against the largest.
  const bars = ranked.map(([kind, share]) => ({ key: kind, label: sentenceStart(LIFE_WORDS[kind]), value: share, text: percent(share), className: `life-${kind}` }));
  return (
    <figure class="chart" data-testid="time-shares">
      <HBars bars={bars} labelWidth={176} full={1} />
      <table class="ages" data-testid="time-shares-table">
        <thead>
          <tr><th scope="col">Kind of time</th><th scope="col">Median share</th></tr>
        </thead>
        <tbody>
          {ranked.map(([kind, share]) => <tr key={kind}><th scope="row">{sentenceStart(LIFE_WORDS[kind])}</th><td>{percent(share)}</td></tr>)}
        </tbody>
      </table>
      <figcaption>Median share of each kind of time in the lives of the {shares.sample} items the team finished in the last 90 days (all of them: the filters apply to open items).</figcaption>
    </figure>
  );
}
