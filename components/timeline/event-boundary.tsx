'use client';
import { Component, type ReactNode } from 'react';
import { truncateText } from '@/lib/timeline/safe-format';

interface Props {
  children: ReactNode;
  /** What is shown inside, for the fallback's words: "event #12". */
  what: string;
  /** When it changes (another event chosen), the boundary tries again. */
  resetKey?: unknown;
  /** Rendered as a list item when the boundary sits in a list. */
  as?: 'div' | 'li';
}

interface State {
  error?: Error;
}

/**
 * Keeps one event that cannot be shown (hostile data from a token or an
 * import that a formatter did not foresee) from taking the whole timeline
 * down: the event's place says what went wrong; every other event, the
 * controls and the live stream keep working.
 */
export class EventErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: undefined });
  }

  componentDidCatch(error: Error) {
    console.error(`[timeline] ${this.props.what} could not be shown:`, error);
  }

  render() {
    if (!this.state.error) return this.props.children;
    const Tag = this.props.as ?? 'div';
    return (
      <Tag role="alert" className="rounded border-l-4 border-amber-600 bg-amber-50 p-2 text-sm text-slate-900 dark:bg-amber-950 dark:text-slate-100">
        {this.props.what} could not be shown ({truncateText(this.state.error.message, 200)}). The rest of the timeline still works.
      </Tag>
    );
  }
}
