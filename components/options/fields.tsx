/** Small form fields of the options page: each validates in place and saves on change. */
import { useState } from 'preact/hooks';

/** A whole number within bounds. */
export function NumberField(props: { label: string; value: number; min: number; max: number; onSave: (value: number) => void }) {
  const [error, setError] = useState('');
  return (
    <label class="field">
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        aria-invalid={error ? 'true' : 'false'}
        onChange={(event) => {
          const value = Number((event.currentTarget as HTMLInputElement).value);
          const ok = Number.isInteger(value) && value >= props.min && value <= props.max;
          setError(ok ? '' : `Enter a whole number from ${props.min} to ${props.max}.`);
          if (ok) props.onSave(value);
        }}
      />
      <span class="error" role="alert">
        {error}
      </span>
    </label>
  );
}

/** A comma-separated list of names. */
export function ListField(props: { label: string; value: string[]; onSave: (value: string[]) => void }) {
  return (
    <label class="field">
      {props.label}
      <input
        type="text"
        value={props.value.join(', ')}
        onChange={(event) => {
          const list = (event.currentTarget as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
          props.onSave(list);
        }}
      />
    </label>
  );
}
