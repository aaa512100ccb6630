'use client';
import type { Outcome, Party, TimelineEvent } from '@/lib/timeline/events';
import { diagramRows, type DiagramRow } from '@/lib/timeline/diagram';
import { eventAccessibleName } from '@/lib/timeline/format';
import { PARTY_LABEL, visibleLanes } from '@/lib/timeline/lanes';
import { OUTCOME_STYLE, PARTY_LANE, PARTY_TEXT } from './outcome-style';

const pct = (lane: number, n: number) => `${((lane + 0.5) / n) * 100}%`;

const MARK: Record<Outcome, string> = { ok: '✓', denied: '✗', error: '!', info: '•' };

function Lifelines({ lanes }: { lanes: readonly Party[] }) {
  return (
    <>
      {lanes.map((p, i) => (
        <span key={p} aria-hidden="true" className={`absolute top-0 bottom-0 w-0.5 -translate-x-1/2 ${PARTY_LANE[p]}`} style={{ left: pct(i, lanes.length) }} />
      ))}
    </>
  );
}

function ArrowRow({ row, lanes, byseq, selectedSeq, onSelect }: { row: Extract<DiagramRow, { kind: 'arrow' }>; lanes: readonly Party[]; byseq: Map<number, TimelineEvent>; selectedSeq?: number; onSelect: (e: TimelineEvent) => void }) {
  const n = lanes.length;
  const left = Math.min(row.from, row.to);
  const right = Math.max(row.from, row.to);
  const style = OUTCOME_STYLE[row.outcome];
  const first = byseq.get(row.seqs[0]!)!;
  const selected = row.seqs.includes(selectedSeq ?? -1);
  const rightward = row.to > row.from;
  const label = `${row.label}${row.status !== undefined ? ` → ${row.status}` : ''}`;
  return (
    <li data-seq={row.seqs.join(' ')} data-kind="arrow" data-outcome={row.outcome} className="relative h-[22px]">
      <Lifelines lanes={lanes} />
      <button
        type="button"
        aria-label={`${eventAccessibleName(first)}${row.status !== undefined ? `, answered ${row.status}` : ''}`}
        aria-current={selected ? 'true' : undefined}
        title={first.summary}
        onClick={() => onSelect(first)}
        className={`absolute top-0 bottom-0 rounded ${selected ? 'bg-sky-100 dark:bg-sky-900/60' : 'hover:bg-slate-100 dark:hover:bg-slate-800'} focus-visible:outline-3 focus-visible:outline-sky-600`}
        style={{ left: pct(left, n), width: `${((right - left) / n) * 100}%` }}
      >
        <span className={`absolute inset-x-1 -top-px truncate text-center text-[11px] leading-[14px] font-semibold ${style.text}`}>{label}</span>
        <span className={`absolute inset-x-0 bottom-1 ${row.response ? 'border-t-2 border-dashed' : 'border-t-2'} ${style.text} border-current`} />
        <span
          aria-hidden="true"
          className={`absolute -bottom-px border-y-[5px] border-y-transparent ${rightward ? 'right-0 border-l-[9px] border-l-current' : 'left-0 border-r-[9px] border-r-current'} ${style.text}`}
        />
      </button>
    </li>
  );
}

function MarksRow({ row, lanes, byseq, selectedSeq, onSelect }: { row: Extract<DiagramRow, { kind: 'marks' }>; lanes: readonly Party[]; byseq: Map<number, TimelineEvent>; selectedSeq?: number; onSelect: (e: TimelineEvent) => void }) {
  const perLane = new Map<number, number>();
  return (
    <li data-kind="marks" data-seq={row.marks.map((m) => m.seq).join(' ')} className="relative h-[18px]">
      <Lifelines lanes={lanes} />
      {row.marks.map((m) => {
        const k = perLane.get(m.lane) ?? 0;
        perLane.set(m.lane, k + 1);
        const e = byseq.get(m.seq)!;
        return (
          <button
            key={m.seq}
            type="button"
            aria-label={eventAccessibleName(e)}
            aria-current={m.seq === selectedSeq ? 'true' : undefined}
            title={`${e.type}: ${e.summary}`}
            onClick={() => onSelect(e)}
            className={`absolute top-px flex size-4 items-center justify-center rounded-sm text-[10px] font-bold ${OUTCOME_STYLE[m.outcome].badge} ${m.seq === selectedSeq ? 'ring-2 ring-sky-500' : ''} focus-visible:outline-3 focus-visible:outline-sky-600`}
            style={{ left: `calc(${pct(m.lane, lanes.length)} + ${k * 18 + 4}px)` }}
          >
            {MARK[m.outcome]}
          </button>
        );
      })}
    </li>
  );
}

/**
 * The timeline as a sequence diagram: a lifeline per party, one arrow per
 * message labelled on the arrow (method and path, status on the answer),
 * each party's own checks as marks on its lifeline. Selecting an arrow or a
 * mark opens the event's detail. The list view (SequenceView) says the same
 * thing row by row for screen readers.
 */
export function SequenceDiagram({ events, selectedSeq, onSelect, label = 'Sequence diagram' }: { events: readonly TimelineEvent[]; selectedSeq?: number; onSelect: (e: TimelineEvent) => void; label?: string }) {
  const lanes = visibleLanes(events);
  const rows = diagramRows(events, lanes);
  const byseq = new Map(events.map((e) => [e.seq, e]));
  return (
    <figure aria-label={label} className="rounded-lg border border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-950">
      <div className="grid border-b-2 border-slate-300 pb-1 text-center dark:border-slate-600" style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}>
        {lanes.map((p) => (
          <span key={p} className={`text-sm leading-tight font-semibold ${PARTY_TEXT[p]}`}>
            {PARTY_LABEL[p]}
          </span>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="p-4 text-center text-slate-600 dark:text-slate-400">No events yet.</p>
      ) : (
        <ol aria-label={`${label}: messages`} className="pt-1">
          {rows.map((r, i) =>
            r.kind === 'arrow' ? (
              <ArrowRow key={i} row={r} lanes={lanes} byseq={byseq} selectedSeq={selectedSeq} onSelect={onSelect} />
            ) : (
              <MarksRow key={i} row={r} lanes={lanes} byseq={byseq} selectedSeq={selectedSeq} onSelect={onSelect} />
            ),
          )}
        </ol>
      )}
    </figure>
  );
}
