/** Filters by person, source and state, as labelled selects; "Everyone" / "All" does not filter. */
import type { Source } from '../../lib/flow/model';
import { NOT_DONE_STATES, stateName } from '../../lib/flow/flow-states';
import type { TeamFilters } from '../../lib/team/summary-types';

const SOURCES: Record<Source, string> = { github: 'GitHub', jira: 'Jira' };

/** Props: who can be picked, the filters now, and where changes go. */
export interface FiltersProps {
  people: string[];
  filters: TeamFilters;
  onChange: (next: TeamFilters) => void;
}

function without<K extends keyof TeamFilters>(filters: TeamFilters, key: K, value: TeamFilters[K] | ''): TeamFilters {
  const next = { ...filters };
  if (value === '' || value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** The three selects. */
export function Filters({ people, filters, onChange }: FiltersProps) {
  const pick = (key: keyof TeamFilters) => (event: Event) => onChange(without(filters, key, (event.currentTarget as HTMLSelectElement).value as never));
  return (
    <fieldset class="filters">
      <legend class="sr-only">Filters</legend>
      <label>
        Person
        <select value={filters.person ?? ''} onChange={pick('person')}>
          <option value="">Everyone</option>
          {people.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <label>
        Source
        <select value={filters.source ?? ''} onChange={pick('source')}>
          <option value="">All</option>
          {Object.entries(SOURCES).map(([value, name]) => <option key={value} value={value}>{name}</option>)}
        </select>
      </label>
      <label>
        State
        <select value={filters.state ?? ''} onChange={pick('state')}>
          <option value="">All</option>
          {NOT_DONE_STATES.map((state) => <option key={state} value={state}>{stateName(state)}</option>)}
        </select>
      </label>
    </fieldset>
  );
}
