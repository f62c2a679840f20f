// A task's progress against its estimate: the worked time of its entries (exact, pauses left
// out, a running timer counted up to now). Estimates are about effort, so no rounding here:
// rounding is for billing.
import { workedSeconds } from './durations.ts';
import type { Task, TimeEntry } from './catalog.ts';

export interface TaskProgress {
  trackedSeconds: number;
  estimateSeconds?: number;
  /** Tracked share of the estimate, in whole percent (rounded down); absent without an estimate. */
  percent?: number;
  /** More tracked than estimated. */
  over: boolean;
}

/** Progress of each task given, by task id; tasks without entries have 0 tracked. */
export function taskProgress(
  tasks: readonly Pick<Task, 'id' | 'estimateSeconds'>[],
  entries: readonly TimeEntry[],
  now: number,
): Map<string, TaskProgress> {
  const tracked = new Map<string, number>(tasks.map((t) => [t.id, 0]));
  for (const e of entries) {
    if (e.taskId === undefined) continue;
    const sum = tracked.get(e.taskId);
    if (sum !== undefined) tracked.set(e.taskId, sum + workedSeconds(e, now));
  }
  const out = new Map<string, TaskProgress>();
  for (const t of tasks) {
    const trackedSeconds = tracked.get(t.id) ?? 0;
    const estimate = t.estimateSeconds;
    if (estimate === undefined) {
      out.set(t.id, { trackedSeconds, over: false });
      continue;
    }
    out.set(t.id, {
      trackedSeconds,
      estimateSeconds: estimate,
      ...(estimate > 0 && { percent: Math.floor((trackedSeconds * 100) / estimate) }),
      over: trackedSeconds > estimate,
    });
  }
  return out;
}
