/**
 * Form fields of the options page. Each validates in place and saves as soon as its value is
 * valid: while typing (after a short pause) and at once when the field is left. Invalid input
 * stays in the field with its message, tied to it by aria-describedby, and the last valid value
 * stays stored. A save the browser refuses (storage quota) is said next to the field too, and so
 * is a save that worked: "Saved." beside that field (announced politely), until it is edited again.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** A parsed value, or why the text is not one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Saves a value; resolves to a sentence when it was not saved. */
export type SaveValue<T> = (value: T) => Promise<string | undefined>;

const PAUSE_MS = 600;

/** Props of a text field. */
export interface TextFieldProps<T> {
  id: string;
  label: string;
  hint?: ComponentChildren;
  value: T;
  format: (value: T) => string;
  parse: (text: string) => Parsed<T>;
  onSave: SaveValue<T>;
  multiline?: boolean;
  type?: 'text' | 'number';
  placeholder?: string;
}

/** A text (or number) field that saves whenever its text parses. */
export function TextField<T>(props: TextFieldProps<T>) {
  const { text, error, saved, input, onInput, onCommit } = useFieldText(props);
  const hintId = props.hint ? `${props.id}-hint` : '';
  const errorId = `${props.id}-error`;
  const shared = {
    id: props.id,
    value: text,
    placeholder: props.placeholder,
    'aria-invalid': error ? ('true' as const) : ('false' as const),
    'aria-describedby': `${hintId} ${errorId}`.trim(),
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
    onChange: (event: Event) => onCommit((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <span class="label-row">
        <label for={props.id}>{props.label}</label>
        <SavedMark id={props.id} saved={saved} />
      </span>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea ref={input} rows={4} spellcheck={false} {...shared} />
      ) : props.type === 'number' ? (
        <input ref={input} type="number" {...shared} />
      ) : (
        <input ref={input} type="text" autocomplete="off" {...shared} />
      )}
      <p id={errorId} class="error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/**
 * A field's text and error, and what typing and leaving it do: save once the text parses (after
 * a pause while typing, at once when left), or say why not.
 */
function useFieldText<T>(props: TextFieldProps<T>) {
  const formatted = props.format(props.value);
  const [text, setText] = useState(formatted);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useValueFromElsewhere(formatted, input, () => {
    setText(formatted);
    setError('');
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const save = async (value: T) => {
    const problem = await props.onSave(value);
    setError(problem ?? '');
    setSaved(!problem);
  };
  const onInput = (next: string) => {
    setText(next);
    setSaved(false);
    clearTimeout(timer.current);
    const parsed = props.parse(next);
    if (!parsed.ok) {
      // Half-typed input is not an error yet; an error already shown follows the text.
      if (error) setError(parsed.error);
      return;
    }
    setError('');
    if (props.format(parsed.value) !== formatted) timer.current = setTimeout(() => void save(parsed.value), PAUSE_MS);
  };
  const onCommit = (current: string) => {
    clearTimeout(timer.current);
    const parsed = props.parse(current);
    if (!parsed.ok) return setError(parsed.error);
    if (props.format(parsed.value) !== formatted) void save(parsed.value);
  };
  return { text, error, saved, input, onInput, onCommit };
}

/** A value changed elsewhere (an import) shows in the field, unless the user is typing in it. */
function useValueFromElsewhere(formatted: string, input: RefObject<HTMLElement | null>, show: () => void) {
  const shown = useRef(formatted);
  useEffect(() => {
    if (shown.current === formatted) return;
    shown.current = formatted;
    if (document.activeElement !== input.current) show();
  }, [formatted]);
}

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number, extra?: (value: number) => string | undefined) {
  return (text: string): Parsed<number> => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) return { ok: false, error: `Enter a whole number from ${min} to ${max}.` };
    const problem = extra?.(value);
    return problem ? { ok: false, error: problem } : { ok: true, value };
  };
}

/** Props of a number field. */
export interface NumberFieldProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  value: number;
  min: number;
  max: number;
  /** A further check, e.g. amber not above red. */
  check?: (value: number) => string | undefined;
  onSave: SaveValue<number>;
}

/** A whole number within bounds. */
export function NumberField(props: NumberFieldProps) {
  return <TextField id={props.id} label={props.label} hint={props.hint} value={props.value} type="number" format={String} parse={wholeNumber(props.min, props.max, props.check)} onSave={props.onSave} />;
}

/** Parses one name per line: trimmed, blank lines skipped, duplicates kept once. */
export function lines(check: (entry: string) => string | undefined, max = 100) {
  return (text: string): Parsed<string[]> => {
    const entries = [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
    if (entries.length > max) return { ok: false, error: `At most ${max} entries.` };
    for (const entry of entries) {
      const problem = check(entry);
      if (problem) return { ok: false, error: `“${entry}”: ${problem}` };
    }
    return { ok: true, value: entries };
  };
}

/** A name of at most 100 characters (what settings.ts keeps). */
export const anyName = (entry: string) => (entry.length > 100 ? 'Keep it under 100 characters.' : undefined);

/** Props of a list field. */
export interface ListFieldProps {
  id: string;
  label: string;
  hint?: ComponentChildren;
  value: string[];
  check?: (entry: string) => string | undefined;
  max?: number;
  placeholder?: string;
  onSave: SaveValue<string[]>;
}

/** A list, one entry per line. */
export function ListField(props: ListFieldProps) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      hint={props.hint}
      value={props.value}
      multiline
      placeholder={props.placeholder}
      format={(list) => list.join('\n')}
      parse={lines(props.check ?? anyName, props.max)}
      onSave={props.onSave}
    />
  );
}

/** Props of a checkbox. */
export interface CheckFieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  checked: boolean;
  onSave: SaveValue<boolean>;
}

/** A checkbox that saves when ticked or cleared. */
export function CheckField(props: CheckFieldProps) {
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const hintId = props.hint ? `${props.id}-hint` : '';
  const errorId = `${props.id}-error`;
  const onChange = async (event: Event) => {
    setSaved(false);
    const problem = await props.onSave((event.currentTarget as HTMLInputElement).checked);
    setError(problem ?? '');
    setSaved(!problem);
  };
  return (
    <div class="check-field">
      <label class="check">
        <input
          id={props.id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={`${hintId} ${errorId}`.trim()}
          onChange={onChange}
        />
        <span>{props.label}</span>
      </label>
      <SavedMark id={props.id} saved={saved} />
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <p id={errorId} class="error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/**
 * "Saved." beside a field whose value was just saved. The live region is always there, empty until
 * a save, so screen readers announce the word when it comes.
 */
function SavedMark({ id, saved }: { id: string; saved: boolean }) {
  return (
    <span class="saved" aria-live="polite" data-testid={`${id}-saved`}>
      {saved ? 'Saved.' : ''}
    </span>
  );
}

/** A section of the page with its heading, reachable from the table of contents. */
export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-title`} class="section">
      <h2 id={`${props.id}-title`} tabIndex={-1}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
