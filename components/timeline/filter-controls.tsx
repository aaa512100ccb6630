'use client';
import { PARTIES, type Outcome, type Party } from '@/lib/timeline/events';
import { OUTCOMES, type TimelineFilter } from '@/lib/timeline/filter';
import { PARTY_LABEL } from '@/lib/timeline/lanes';

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** One group of filter checkboxes: each option shown or hidden. */
function CheckboxGroup<T extends string>(props: {
  legend: string;
  heading: string;
  options: readonly T[];
  selected: readonly T[];
  labelOf: (option: T) => string;
  onChange: (selected: T[]) => void;
}) {
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="sr-only">{props.legend}</legend>
      <span aria-hidden="true" className="font-semibold">{props.heading}</span>
      {props.options.map((o) => (
        <label key={o} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={props.selected.includes(o)}
            onChange={(e) => props.onChange(toggled(props.selected, o, e.target.checked))}
          />
          {props.labelOf(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** Show only the events of some parties, or of some outcomes. */
export function FilterControls({ filter, onChange }: { filter: TimelineFilter; onChange: (f: TimelineFilter) => void }) {
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      <CheckboxGroup<Party>
        legend="Filter by party"
        heading="Show events to or from:"
        options={PARTIES}
        selected={filter.parties}
        labelOf={(p) => PARTY_LABEL[p]}
        onChange={(parties) => onChange({ ...filter, parties })}
      />
      <CheckboxGroup<Outcome>
        legend="Filter by outcome"
        heading="Outcome:"
        options={OUTCOMES}
        selected={filter.outcomes}
        labelOf={(o) => o}
        onChange={(outcomes) => onChange({ ...filter, outcomes })}
      />
    </div>
  );
}
