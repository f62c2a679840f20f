// Keeping one timer across devices, from a view's side. Every time the entries change, the model's
// `resolveRunning` says which ends to move; the view applies that once (the projection catches up
// a moment later, and until then the same resolution must not be applied again) and tells the
// user. When another device already resolved and synced, this device only sees its timer stop:
// `stoppedElsewhere` finds that so the user hears about it too.
import { time } from '@tally/model';
import type { TimeEntry } from './types.ts';

export class Reconciler {
  #pending: string | undefined;
  /** Entry ids already explained to the user, so one event makes one message. */
  readonly announced = new Set<string>();

  /**
   * The resolution to apply for these entries, or undefined when there is nothing to change or
   * the same changes were just handed out (and are on their way to the projection).
   */
  next(entries: readonly TimeEntry[]): time.conflicts.Resolution | undefined {
    const resolution = time.conflicts.resolveRunning(entries);
    if (resolution.updates.length === 0) {
      this.#pending = undefined;
      return undefined;
    }
    const key = JSON.stringify(resolution.updates);
    if (key === this.#pending) return undefined;
    this.#pending = key;
    for (const s of resolution.notice?.stopped ?? []) this.announced.add(s.id);
    return resolution;
  }
}

/**
 * The timer this view showed as running has stopped because a timer that was not started here
 * took over: the entry ended at the other one's start and names it in `supersededBy`.
 */
export function stoppedElsewhere(
  shownId: string | undefined,
  entries: readonly TimeEntry[],
  startedHere: ReadonlySet<string>,
): { stopped: TimeEntry; by: TimeEntry } | undefined {
  if (shownId === undefined) return undefined;
  const stopped = entries.find((e) => e.id === shownId);
  if (!stopped || stopped.end === undefined || stopped.supersededBy === undefined) return undefined;
  if (startedHere.has(stopped.supersededBy)) return undefined;
  const by = entries.find((e) => e.id === stopped.supersededBy);
  return by && by.start === stopped.end ? { stopped, by } : undefined;
}
