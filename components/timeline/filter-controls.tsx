'use client';
import { PARTIES, type Outcome, type Party } from '@/lib/timeline/events';
import { OUTCOMES, type TimelineFilter } from '@/lib/timeline/filter';
import { PARTY_LABEL } from '@/lib/timeline/lanes';

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** Show only the events of some parties, or of some outcomes. */
export function FilterControls({ filter, onChange }: { filter: TimelineFilter; onChange: (f: TimelineFilter) => void }) {
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">Filter by party</legend>
        <span aria-hidden="true" className="font-semibold">Party:</span>
        {PARTIES.map((p: Party) => (
          <label key={p} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={filter.parties.includes(p)}
              onChange={(e) => onChange({ ...filter, parties: toggled(filter.parties, p, e.target.checked) })}
            />
            {PARTY_LABEL[p]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">Filter by outcome</legend>
        <span aria-hidden="true" className="font-semibold">Outcome:</span>
        {OUTCOMES.map((o: Outcome) => (
          <label key={o} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={filter.outcomes.includes(o)}
              onChange={(e) => onChange({ ...filter, outcomes: toggled(filter.outcomes, o, e.target.checked) })}
            />
            {o}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
