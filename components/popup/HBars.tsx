/**
 * Horizontal bars as an SVG drawn at its own size (so its 12 px labels stay 12 px): one row per
 * entry, its label, a bar as long as its value against the largest, and the value in words.
 * Hidden from assistive technology: each chart says the same in text beside it.
 */

const WIDTH = 352;
const ROW = 24;

/** One bar: what it is, how long it is (any unit), its value in words and its class. */
export interface HBar {
  key: string;
  label: string;
  value: number;
  text: string;
  className: string;
}

/** Props: the bars in order, the width of the label column, and the value a full bar stands for (default: the largest). */
export function HBars({ bars, labelWidth, full }: { bars: readonly HBar[]; labelWidth: number; full?: number }) {
  const max = full ?? Math.max(...bars.map((b) => b.value));
  const room = WIDTH - labelWidth - 44;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`} width={WIDTH} height={bars.length * ROW} aria-hidden="true" focusable="false">
      {bars.map((b, i) => {
        const length = Math.max(2, (b.value / max) * room);
        return (
          <g key={b.key} transform={`translate(0 ${i * ROW})`}>
            <text x="0" y={ROW / 2 + 4.5} class="axis-label">{b.label}</text>
            <rect x={labelWidth} y="4" height={ROW - 8} width={length} rx="2" class={`bar ${b.className}`} />
            <text x={labelWidth + length + 4} y={ROW / 2 + 4.5} class="value">{b.text}</text>
          </g>
        );
      })}
    </svg>
  );
}
