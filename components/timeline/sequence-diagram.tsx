'use client';
import type { Outcome, Party, TimelineEvent } from '@/lib/timeline/events';
import { Fragment, useEffect, useRef, type RefObject } from 'react';
import { diagramRows, type DiagramMark, type DiagramRow } from '@/lib/timeline/diagram';
import { eventAccessibleName, labelBreakPieces } from '@/lib/timeline/format';
import { PARTY_LABEL, visibleLanes } from '@/lib/timeline/lanes';
import { OUTCOME_STYLE, PARTY_LANE, PARTY_TEXT } from './outcome-style';

const pct = (lane: number, n: number) => `${((lane + 0.5) / n) * 100}%`;

const MARK: Record<Outcome, string> = { ok: '✓', denied: '✗', error: '!', info: '•' };

/**
 * Rows are grids of half-lane columns (2 per lane), so what a row says sits in
 * the flow and wraps rather than being cut off: an arrow spans from one
 * lifeline to the other, a lane's marks from its lifeline to the next one.
 * Sizes are in rem, so Large type enlarges the diagram with the page.
 */
const halfColumns = (n: number) => ({ gridTemplateColumns: `repeat(${2 * n}, minmax(0, 1fr))` });

/** A lane's name as a heading: "Authorization" may break with a hyphen in a narrow column (a soft hyphen), never run into the next name. */
export function laneHeading(p: Party): string {
  return PARTY_LABEL[p].replace(/^Authorization/, 'Authori\u00ADzation');
}

/**
 * The lane names' size: text-sm, made smaller in a narrow diagram (an event's
 * detail open beside it) so that "Authorization" still fits its lane whole,
 * about 9.5 bold em wide; a soft hyphen only below 0.6875rem.
 */
export function laneHeadingSize(lanes: number): string {
  return `clamp(0.6875rem, calc((100cqi / ${lanes} - 0.25rem) / 9.5), 0.875rem)`;
}

/** A party's own step with no verdict (•) is named beside its mark: "run reset", "scenario step played". */
export function markLabel(type: string): string {
  return type.replace('.', ' ').replaceAll('_', ' ');
}

/** A label that wraps at its path's boundaries (a <wbr> after each / . _ ? &), not inside a word. */
function Breakable({ text }: { text: string }) {
  return (
    <>
      {labelBreakPieces(text).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}

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
  const left = Math.min(row.from, row.to);
  const right = Math.max(row.from, row.to);
  const style = OUTCOME_STYLE[row.outcome];
  const first = byseq.get(row.seqs[0]!)!;
  const selected = row.seqs.includes(selectedSeq ?? -1);
  const rightward = row.to > row.from;
  const label = `${row.label}${row.status !== undefined ? ` → ${row.status}` : ''}`;
  return (
    <li data-seq={row.seqs.join(' ')} data-kind="arrow" data-outcome={row.outcome} data-from={row.from} data-to={row.to} data-response={row.response ? 'yes' : 'no'} className="relative grid" style={halfColumns(lanes.length)}>
      <Lifelines lanes={lanes} />
      <button
        type="button"
        aria-label={`${eventAccessibleName(first)}${row.status !== undefined ? `, answered ${row.status}` : ''}`}
        aria-current={selected ? 'true' : undefined}
        title={first.summary}
        onClick={() => onSelect(first)}
        className={`relative rounded pt-px pb-[0.4375rem] ${selected ? 'bg-sky-100 dark:bg-sky-900/60' : 'hover:bg-slate-100 dark:hover:bg-slate-800'} focus-visible:outline-3 focus-visible:outline-sky-600`}
        style={{ gridColumn: `${2 * left + 2} / ${2 * right + 2}` }}
      >
        <span className={`block px-1 text-center text-[0.6875rem] leading-[0.875rem] font-semibold [overflow-wrap:break-word] ${style.text}`}>
          <Breakable text={label} />
        </span>
        <span className={`absolute inset-x-0 bottom-1 ${row.response ? 'border-t-2 border-dashed' : 'border-t-2'} ${style.text} border-current`} />
        <span
          aria-hidden="true"
          className={`absolute -bottom-px border-y-[0.3125rem] border-y-transparent ${rightward ? 'right-0 border-l-[0.5625rem] border-l-current' : 'left-0 border-r-[0.5625rem] border-r-current'} ${style.text}`}
        />
      </button>
    </li>
  );
}

function MarksRow({ row, lanes, byseq, selectedSeq, onSelect }: { row: Extract<DiagramRow, { kind: 'marks' }>; lanes: readonly Party[]; byseq: Map<number, TimelineEvent>; selectedSeq?: number; onSelect: (e: TimelineEvent) => void }) {
  const byLane = new Map<number, DiagramMark[]>();
  for (const m of row.marks) byLane.set(m.lane, [...(byLane.get(m.lane) ?? []), m]);
  const n = lanes.length;
  return (
    <li data-kind="marks" data-seq={row.marks.map((m) => m.seq).join(' ')} className="relative grid py-px" style={halfColumns(n)}>
      <Lifelines lanes={lanes} />
      {[...byLane.entries()].map(([lane, marks]) => (
        <span key={lane} className="relative flex min-w-0 flex-wrap items-start gap-0.5 pl-1.5" style={{ gridColumn: `${2 * lane + 2} / ${Math.min(2 * lane + 4, 2 * n + 1)}` }}>
          {marks.map((m) => {
            const e = byseq.get(m.seq)!;
            return (
              <button
                key={m.seq}
                type="button"
                aria-label={eventAccessibleName(e)}
                aria-current={m.seq === selectedSeq ? 'true' : undefined}
                title={`${e.type}: ${e.summary}`}
                onClick={() => onSelect(e)}
                className={`flex min-w-0 items-center gap-1 rounded-sm text-left focus-visible:outline-3 focus-visible:outline-sky-600 ${m.seq === selectedSeq ? 'ring-2 ring-sky-500' : ''}`}
              >
                <span aria-hidden="true" className={`flex size-4 shrink-0 items-center justify-center rounded-sm text-[0.625rem] font-bold ${OUTCOME_STYLE[m.outcome].badge}`}>
                  {MARK[m.outcome]}
                </span>
                {m.outcome === 'info' ? <span className="text-[0.6875rem] leading-[0.875rem] text-slate-700 [overflow-wrap:break-word] dark:text-slate-300">{markLabel(m.type)}</span> : null}
              </button>
            );
          })}
        </span>
      ))}
    </li>
  );
}

/** Scrolls the selected row into view when the selection changes (opening an event's detail narrows the diagram). */
function useSelectedInView(list: RefObject<HTMLOListElement | null>, selectedSeq: number | undefined) {
  useEffect(() => {
    if (selectedSeq === undefined) return;
    const row = [...(list.current?.children ?? [])].find((li) => (li.getAttribute('data-seq') ?? '').split(' ').includes(String(selectedSeq)));
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [list, selectedSeq]);
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
  const list = useRef<HTMLOListElement>(null);
  useSelectedInView(list, selectedSeq);
  return (
    <div>
      <figure aria-label={label} className="rounded-lg border border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-950">
        {/* Sticky: the lane names stay in sight while a long run scrolls by. */}
        <div data-lane-header className="sticky top-0 z-10 grid border-b-2 border-slate-300 bg-white pb-1 text-center [container-type:inline-size] dark:border-slate-600 dark:bg-slate-950" style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}>
          {lanes.map((p) => (
            <span key={p} lang="en" className={`px-0.5 leading-tight font-semibold hyphens-manual [overflow-wrap:anywhere] ${PARTY_TEXT[p]}`} style={{ fontSize: laneHeadingSize(lanes.length) }}>
              {laneHeading(p)}
            </span>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="p-4 text-center text-slate-600 dark:text-slate-400">No events yet.</p>
        ) : (
          <ol ref={list} aria-label={`${label}: messages`} className="pt-1">
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
      {/* Below the figure, so a whole flow still fits 1280×800 (e2e/scenario-front-door.spec.ts). */}
      {rows.length > 0 ? (
        <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
          Solid arrow: a request (its answer’s status after →). Dashed: an answer. Marks on a lifeline: ✓ a check passed, ✗ refused, ! an error, • a step of that party’s own, named beside it.
        </p>
      ) : null}
    </div>
  );
}
