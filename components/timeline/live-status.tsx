import type { LiveStatus } from './use-run-timeline';

const TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Live (polling)',
  offline: 'Offline: retrying',
};

/** Whether the timeline is receiving events as they happen. */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  return (
    <span role="status" aria-label={`Timeline status: ${TEXT[status]}`} className="inline-flex items-center gap-1 text-sm">
      <span aria-hidden="true" className={`size-2.5 rounded-full ${status === 'live' || status === 'polling' ? 'bg-ok dark:bg-green-400' : 'bg-amber-500'}`} />
      {TEXT[status]}
    </span>
  );
}
