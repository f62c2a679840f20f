// The timer is data, not a clock: a running timer is a time entry without an end, and every
// operation here returns the writes that start, stop, pause or resume it. The elapsed time on
// screen is derived from the entry (durations.workedSeconds), so a reload, a closed tab or a day
// offline loses nothing. A new entry's id carries its start time, so it lands in that year's
// document.
import type { Patch } from '../collection.ts';
import type { Ids } from '../ids.ts';
import { err, ok, type Result } from '../result.ts';
import { compareEntries, type TimeEntry } from './catalog.ts';
import { clipPauses, isPaused } from './durations.ts';
import { noWrites, type EntryWrites, type Update } from './writes.ts';

/** What a new timer is about; all optional (a timer may start blank and be described later). */
export interface EntryFields {
  description?: string;
  projectId?: string;
  taskId?: string;
  tags?: string[];
  billable?: boolean;
  rate?: number;
  currency?: string;
}

export interface Clock {
  now: number;
  ids: Ids;
}

export type TimerError =
  | { kind: 'not-running'; id: string }
  | { kind: 'already-paused'; id: string }
  | { kind: 'not-paused'; id: string };

/** Running entries, oldest first. After sync there may briefly be more than one (see conflicts). */
export function running(entries: readonly TimeEntry[]): TimeEntry[] {
  return entries.filter((e) => e.end === undefined).sort(compareEntries);
}

/** The timer the user sees: the running entry that started last. */
export function current(entries: readonly TimeEntry[]): TimeEntry | undefined {
  return running(entries).at(-1);
}

/**
 * The patch that ends an entry at `end` (never before its start), with its pauses cut to it.
 * A paused entry that is stopped ends where its pause began: the paused time was not work.
 */
export function endPatch(entry: TimeEntry, end: number): Patch<'timeEntries'> {
  const open = entry.pauses.find((p) => p.end === undefined);
  const at = Math.max(entry.start, open && open.start < end ? open.start : end);
  const pauses = clipPauses(entry.pauses, at);
  const patch: Patch<'timeEntries'> = { end: at };
  if (JSON.stringify(pauses) !== JSON.stringify(entry.pauses)) patch.pauses = pauses;
  return patch;
}

/** Starts a timer at `now`; any timer still running stops at `now` (one timer per user). */
export function start(
  entries: readonly TimeEntry[],
  fields: EntryFields,
  clock: Clock,
): EntryWrites {
  const writes = noWrites();
  const id = clock.ids.next(clock.now);
  for (const entry of running(entries)) {
    const patch = endPatch(entry, clock.now);
    // Ended by this start: say so, as conflict resolution would (a paused one ended earlier).
    if (patch.end === clock.now) patch.supersededBy = id;
    writes.updates.push({ id: entry.id, patch });
  }
  writes.creates.push({
    id,
    input: {
      start: clock.now,
      description: fields.description ?? '',
      tags: fields.tags ?? [],
      billable: fields.billable ?? true,
      source: 'timer',
      ...(fields.projectId !== undefined && { projectId: fields.projectId }),
      ...(fields.taskId !== undefined && { taskId: fields.taskId }),
      ...(fields.rate !== undefined && { rate: fields.rate }),
      ...(fields.currency !== undefined && { currency: fields.currency }),
    },
  });
  return writes;
}

/** Stops the running timer `id`, or every running timer when no id is given. */
export function stop(entries: readonly TimeEntry[], now: number, id?: string): EntryWrites {
  const writes = noWrites();
  for (const entry of running(entries)) {
    if (id === undefined || entry.id === id)
      writes.updates.push({ id: entry.id, patch: endPatch(entry, now) });
  }
  return writes;
}

/** Stops the current work and starts on another project (or task) at the same instant. */
export function switchTo(
  entries: readonly TimeEntry[],
  fields: EntryFields,
  clock: Clock,
): EntryWrites {
  return start(entries, fields, clock);
}

/**
 * A new timer that carries on a past entry: same project, task, description, tags and billing.
 * Not its rate: that was the rate at the time; today's comes from the project as for any timer.
 */
export function continueEntry(
  entries: readonly TimeEntry[],
  past: TimeEntry,
  clock: Clock,
): EntryWrites {
  return start(entries, fieldsOf(past), clock);
}

export function fieldsOf(entry: TimeEntry): EntryFields {
  return {
    description: entry.description,
    tags: [...entry.tags],
    billable: entry.billable,
    ...(entry.projectId !== undefined && { projectId: entry.projectId }),
    ...(entry.taskId !== undefined && { taskId: entry.taskId }),
  };
}

export function pause(entry: TimeEntry, now: number): Result<Update<'timeEntries'>, TimerError> {
  if (entry.end !== undefined) return err({ kind: 'not-running', id: entry.id });
  if (isPaused(entry)) return err({ kind: 'already-paused', id: entry.id });
  const at = Math.max(now, entry.start);
  return ok({ id: entry.id, patch: { pauses: [...entry.pauses, { start: at }] } });
}

export function resume(entry: TimeEntry, now: number): Result<Update<'timeEntries'>, TimerError> {
  if (entry.end !== undefined) return err({ kind: 'not-running', id: entry.id });
  if (!isPaused(entry)) return err({ kind: 'not-paused', id: entry.id });
  const pauses = entry.pauses.map((p) =>
    p.end === undefined ? { start: p.start, end: Math.max(now, p.start) } : p,
  );
  return ok({ id: entry.id, patch: { pauses } });
}

/**
 * The patch for times typed by hand. The entry becomes `manual`: conflict resolution only
 * adjusts what the timer measured, and must not undo a deliberate edit.
 */
export function editTimes(
  entry: TimeEntry,
  times: { start?: number; end?: number },
): Result<Update<'timeEntries'>, { kind: 'ends-before-start' }> {
  const start = times.start ?? entry.start;
  const end = times.end ?? entry.end;
  if (end !== undefined && end < start) return err({ kind: 'ends-before-start' });
  const patch: Patch<'timeEntries'> = { source: 'manual', supersededBy: undefined };
  if (times.start !== undefined) patch.start = times.start;
  if (times.end !== undefined) patch.end = times.end;
  return ok({ id: entry.id, patch });
}
