/**
 * "Where the time went" on the card: the item's life as a bar of stretches, each kind's share in
 * words, and every stretch with its start and end on demand. The bar is drawn for the eye only
 * (colours from the site's tokens); the words say the same for everyone.
 */
import { kindShares, LIFE_WORDS, rankedShares, type LifeSegment } from '../lib/flow/life-split';
import type { LifeStretchView } from '../lib/figure-sources';
import { stamp } from '../lib/figure-sources';
import { sentenceStart } from '../lib/flow/cause-text';
import { formatDuration } from '../lib/format';
import { Figure } from './FigureTrace';

/** Each kind's share of the whole life, largest first, in whole percent: "the author to act 85 %, neither 15 %". */
export function lifeShares(life: readonly LifeSegment[]): string {
  return rankedShares(kindShares(life)).map(([kind, share]) => `${LIFE_WORDS[kind]} ${Math.round(share * 100)} %`).join(', ');
}

/** One stretch in words: "Waiting for review: Wed 11 Nov 10:00 UTC → Thu 12 Nov 10:00 UTC, 1 d". */
export function stretchText(s: LifeSegment): string {
  return `${sentenceStart(LIFE_WORDS[s.kind])}: ${stamp(s.start)} → ${s.open ? 'now' : stamp(s.end)}, ${formatDuration(s.ms)}`;
}

/**
 * The card's section. Each stretch opens the events at its two ends (`id` makes the panels'
 * ids, `hint` names the figures' description, FigureHint).
 */
export function LifeSplit({ life, id, hint }: { life: readonly LifeStretchView[]; id: string; hint: string }) {
  return (
    <section class="life" aria-label="Where the time went" data-testid="flowlens-life-split">
      <h3>Where the time went</h3>
      <div class="life-bar" aria-hidden="true">
        {life.map((s) => <span key={s.start} class={`life-${s.kind}`} style={{ flexGrow: s.ms }} title={stretchText(s)} />)}
      </div>
      <p class="life-shares">{sentenceStart(lifeShares(life))}.</p>
      <details>
        <summary>Each stretch ({life.length})</summary>
        <ol class="life-list">
          {life.map((s, i) => (
            <li key={s.start}>
              <Figure id={`${id}-stretch-${i}`} name={`stretch ${i + 1}`} value={stretchText(s)} trace={s.trace} hint={hint} />
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
