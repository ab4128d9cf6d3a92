/**
 * Each badge state's glyph: a shape of its own besides its colour, so states stay apart under
 * protanopia, deuteranopia and in greyscale (tests/e2e/states.test.mjs compares their masks).
 * Inline SVG paths on a 16-unit grid, drawn in `currentColor`, the same on every platform (no
 * emoji). Blocked is a stop octagon with a bar, waiting two bars (on hold), failing a cross, flowing an
 * arrow, done a check, unknown a question mark, error a warning triangle.
 */
import type { BadgeState } from '../lib/flow-view';

/** A glyph: filled shapes (holes cut with even-odd) and stroked lines. */
interface Glyph {
  fill?: string;
  stroke?: string;
}

/** The glyphs by state. */
export const GLYPHS: Record<BadgeState, Glyph> = {
  blocked: { fill: 'M5 1h6l4 4v6l-4 4H5l-4-4V5zM3.5 6.75v2.5h9v-2.5z' },
  // Two bars, "on hold": a clock's ring lay too much inside the stop octagon (27 % of their pixels apart).
  waiting: { fill: 'M3.5 2h3.25v12H3.5zM9.25 2h3.25v12H9.25z' },
  failing: { stroke: 'M3.5 3.5l9 9M12.5 3.5l-9 9' },
  flowing: { fill: 'M1 6.5h8V2.5L15 8l-6 5.5v-4H1z' },
  done: { stroke: 'M2.5 8.5l3.5 3.5 7.5-8' },
  unknown: { stroke: 'M4.75 5.5a3.25 3.25 0 1 1 4.5 3c-.8.4-1.25 1-1.25 1.9v.6', fill: 'M6.75 13.25a1.25 1.25 0 1 0 2.5 0 1.25 1.25 0 1 0-2.5 0z' },
  error: { fill: 'M8 .75l7.5 14H.5zM7 5.5v5h2v-5zM7 11.5v2h2v-2z' },
};

/** One state's glyph, hidden from assistive technology: the text and the name say the state. */
export function StateGlyph({ state, size = 12, at }: { state: BadgeState; size?: number; at?: { x: number; y: number } }) {
  const glyph = GLYPHS[state];
  // Inside a chart's SVG, `at` places the glyph's centre.
  const place = at ? { x: at.x - size / 2, y: at.y - size / 2 } : {};
  return (
    <svg class={`glyph glyph-${state}`} width={size} height={size} {...place} viewBox="0 0 16 16" aria-hidden="true" focusable="false" data-glyph={state}>
      {glyph.fill ? <path d={glyph.fill} fill="currentColor" fill-rule="evenodd" /> : null}
      {glyph.stroke ? <path d={glyph.stroke} fill="none" stroke="currentColor" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round" /> : null}
    </svg>
  );
}

/**
 * What each number of a path command is, in the order it takes them: `x` or `y` a coordinate,
 * `r` an arc's radius, `.` neither (an arc's rotation and flags). Its length is how many it takes.
 */
const AXES: Record<string, string> = { m: 'xy', l: 'xy', t: 'xy', h: 'x', v: 'y', c: 'xyxyxy', s: 'xyxy', q: 'xyxy', a: 'rr...xy', z: '' };

/** A number of a compiled path: the text before it, its scaled value, and the axis it moves along when placed (none: relative, a radius, a flag). */
interface PathNumber {
  before: string;
  value: number;
  axis: 'x' | 'y' | undefined;
}

/** A path scaled once, to be placed anywhere (`placePath`): its numbers in order, and the text after the last. */
interface ScaledPath {
  numbers: PathNumber[];
  end: string;
}

/** `d` scaled by `scale`: every number tagged with what placing it adds (`AXES`). */
function scalePath(d: string, scale: number): ScaledPath {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const numbers: PathNumber[] = [];
  let pending = '';
  let command = '';
  let args: number[] = [];
  const flush = () => {
    const absolute = command !== command.toLowerCase();
    const axes = AXES[command.toLowerCase()] ?? '';
    // Only whole groups: a command's numbers come in sets of its axes.
    const whole = axes.length > 0 ? args.length - (args.length % axes.length) : 0;
    for (let i = 0; i < whole; i++) {
      const axis = axes[i % axes.length]!;
      const value = axis === '.' ? args[i]! : args[i]! * scale;
      numbers.push({ before: `${pending}${i === 0 ? command : ''}`, value, axis: absolute && (axis === 'x' || axis === 'y') ? axis : undefined });
      pending = ' ';
    }
    if (axes.length === 0 && command) pending += command;
    args = [];
  };
  for (const token of tokens) {
    if (/[a-zA-Z]/.test(token)) {
      flush();
      command = token;
    } else args.push(Number(token));
  }
  flush();
  return { numbers, end: pending };
}

/** Paths already scaled, by scale and path: the chart places a handful of them thousands of times. */
const scaled = new Map<string, ScaledPath>();

const hundredths = (n: number) => Math.round(n * 100) / 100;

/**
 * `d`, a path on the glyphs' 16-unit grid, scaled by `scale` and moved by (`dx`, `dy`): absolute
 * points are moved, relative ones only scaled, and an arc's rotation and flags are kept. The
 * path is read and scaled once (`scalePath`); placing it only adds and prints numbers. Reading it
 * again for each of 2,000 glyphs held the popup's main thread about 150 ms after its first frame
 * (a CPU profile of its opens, 4 Dec 2026).
 */
export function placePath(d: string, scale: number, dx: number, dy: number): string {
  const id = `${scale} ${d}`;
  let path = scaled.get(id);
  if (!path) scaled.set(id, (path = scalePath(d, scale)));
  let out = '';
  for (const { before, value, axis } of path.numbers) out += `${before}${hundredths(axis === 'x' ? value + dx : axis === 'y' ? value + dy : value)}`;
  return `${out}${path.end}`.trim();
}

/**
 * One path for many glyphs of a state, each `size` units wide and centred on its point: a chart
 * of 2,000 items draws a path or two per state, not an SVG per item (which held the popup's main
 * thread about 200 ms after its first frame; `npm run bench`'s popup, 3 Dec 2026). Filled by the
 * non-zero rule: a hole winds against its shape, so it stays a hole, and glyphs drawn on top of
 * each other stay drawn (even-odd would cancel them out). A glyph at a point already drawn is
 * drawn once: under that rule, twice looks the same.
 */
export function GlyphsAt({ state, size, at }: { state: BadgeState; size: number; at: readonly { x: number; y: number }[] }) {
  const glyph = GLYPHS[state];
  const scale = size / 16;
  const places = [...new Map(at.map((point) => [`${hundredths(point.x)} ${hundredths(point.y)}`, point])).values()];
  const all = (d: string) => places.map((point) => placePath(d, scale, point.x - size / 2, point.y - size / 2)).join('');
  return (
    <g class={`glyph glyph-${state}`} data-glyph={state} data-count={at.length}>
      {glyph.fill ? <path d={all(glyph.fill)} fill="currentColor" fill-rule="nonzero" /> : null}
      {glyph.stroke ? <path d={all(glyph.stroke)} fill="none" stroke="currentColor" stroke-width={2.25 * scale} stroke-linecap="round" stroke-linejoin="round" /> : null}
    </g>
  );
}

/**
 * A badge's state glyph: the same shapes, drawn by badge.css with gradients in the state's colour.
 * A page holds a badge per item, and each inline SVG is a paint layer of its own that the browser
 * walks in every frame that changes: scrolling a 5,000-card board whose badges drew SVG glyphs
 * held frames past 50 ms (measured with `npm run bench`, 3 Dec 2026). The popup keeps the SVGs.
 */
export function BadgeGlyph({ state }: { state: BadgeState }) {
  return <span class={`glyph glyph-${state}`} aria-hidden="true" data-glyph={state} />;
}

/**
 * The FlowLens mark: a lens ring around a flow arrow, so the badge is not taken for the site's own
 * label. Drawn with borders (badge.css), not SVG: every badge wears it, and an inline SVG is a
 * replaced box with its own transform and clip; a 2,000-badge board's two SVGs a badge held about
 * half the DOM heap its badges added (measured with `npm run bench`, 3 Dec 2026).
 */
export function FlowLensMark() {
  return (
    <span class="mark" aria-hidden="true" data-testid="flowlens-mark">
      <span class="ring">
        <span class="shaft" />
        <span class="head" />
      </span>
    </span>
  );
}
