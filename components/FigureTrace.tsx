/**
 * A figure of the card that opens what it was computed from: the figure is a button (a
 * disclosure, `aria-expanded`) and its panel lists each stretch it counts, from the events that
 * began it to those that ended it, each a link to where the event is seen, and whether it counts
 * calendar or working time. The panel opens on demand, so the card's head stays one line.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FigureSource, Trace, TraceSpan } from '../lib/figure-sources';
import { stamp } from '../lib/figure-sources';
import { sentenceStart } from '../lib/flow/cause-text';
import { formatDuration, timeWords } from '../lib/format';
import { httpsHref } from '../lib/safe-url';

/** Whether a figure's sources are shown, and the toggle. */
export function useDisclosure(): [boolean, () => void] {
  const [open, setOpen] = useState(false);
  return [open, () => setOpen((was) => !was)];
}

/** The figure as a button that shows or hides its sources (`panel` is the panel's id). */
export function FigureButton({ open, onToggle, panel, name, hint, children }: { open: boolean; onToggle: () => void; panel: string; name: string; hint: string; children: ComponentChildren }) {
  // Named by the figure alone, as it is seen; `hint` (FigureHint) says what it opens.
  return (
    // aria-controls only while the panel is there: it is rendered on demand.
    <button type="button" class="figure" aria-expanded={open} aria-controls={open ? panel : undefined} aria-describedby={hint} onClick={onToggle} data-figure={name}>
      {children}
    </button>
  );
}

/** The one description of every figure button of a card: what activating it shows. */
export function FigureHint({ id }: { id: string }) {
  return (
    <span id={id} hidden>
      Shows the events this figure was computed from.
    </span>
  );
}


/** One source in words: "flagged Tue 10 Nov 10:02 UTC by its assignee". */
export function sourceText(source: FigureSource): string {
  return `${source.words} ${stamp(source.at)}${source.by ? ` by ${source.by}` : ''}`;
}

/** One source, linked to where it is seen; without a link, it says where it was seen is not recorded. */
function Source({ source }: { source: FigureSource }) {
  const href = httpsHref(source.url);
  if (!href) return <span>{sourceText(source)} (where it was seen is not recorded)</span>;
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {sourceText(source)}
    </a>
  );
}

/** The events at one end of a span, or what stands for them. */
function End({ sources, fallback }: { sources: FigureSource[]; fallback: string }) {
  if (sources.length === 0) return <span>{fallback}</span>;
  return (
    <>
      {sources.map((source, i) => (
        <span key={`${source.at}:${source.words}`}>
          {i > 0 ? ', ' : ''}
          <Source source={source} />
        </span>
      ))}
    </>
  );
}

/** One span: its start's events → its end's events (or now), and what it counts. */
function Span({ span }: { span: TraceSpan }) {
  const end = span.end === undefined ? 'now' : `${stamp(span.end)}: no event of the source recorded`;
  return (
    <li>
      <End sources={span.from} fallback={`${stamp(span.start)}: no event of the source recorded`} /> → <End sources={span.to} fallback={end} />
      {`, ${formatDuration(span.ms)}`}
    </li>
  );
}

/** The panel of a figure's sources; without a trace it says the source is not recorded. */
export function TracePanel({ id, name, trace }: { id: string; name: string; trace: Trace | undefined }) {
  return (
    <div id={id} class="trace" role="group" aria-label={`Sources of ${name}`} data-testid="flowlens-trace">
      {trace ? (
        <>
          <p class="trace-time">{timeWords(trace.time)}</p>
          {trace.spans.length > 0 ? (
            <ol class="trace-spans">
              {trace.spans.map((span) => <Span key={span.start} span={span} />)}
            </ol>
          ) : null}
          {trace.note ? <p class="trace-note">{sentenceStart(trace.note)}</p> : null}
        </>
      ) : (
        <p class="trace-note">Source not recorded: FlowLens did not keep the events behind this figure.</p>
      )}
    </div>
  );
}

/** A figure and its panel together, for a figure that stands alone (a fact, a stretch). */
export function Figure({ id, name, value, trace, hint }: { id: string; name: string; value: string; trace: Trace | undefined; hint: string }) {
  const [open, toggle] = useDisclosure();
  const panel = `${id}-sources`;
  return (
    <>
      <FigureButton open={open} onToggle={toggle} panel={panel} name={name} hint={hint}>
        {value}
      </FigureButton>
      {open ? <TracePanel id={panel} name={name} trace={trace} /> : null}
    </>
  );
}
