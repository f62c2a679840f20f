// Idle detection and forgotten timers, as decisions only: the view knows when the user last
// touched the app and asks; this decides whether to ask and what each answer writes.
//
// "Discard idle time" adds a pause from the last activity to now and keeps the timer running,
// rather than ending the entry and starting a new one: the entry keeps its id, description and
// document, and the idle stretch shows as a break (TimeTracker's break time), which the user
// can still remove.
import type { Settings } from '../collections.ts';
import type { TimeEntry } from './catalog.ts';
import { isPaused, workedMs } from './durations.ts';
import { current, endPatch } from './timer.ts';
import type { Update } from './writes.ts';

export type IdleChoice = 'keep' | 'discard' | 'stop';

export interface IdlePrompt {
  entry: TimeEntry;
  /** Where the idle time began: the last activity, or the timer's start if that is later. */
  since: number;
  idleMs: number;
}

/**
 * Whether to ask about idle time: a timer runs (not paused) and the user has been away longer
 * than the threshold since the later of their last activity and the timer's start.
 */
export function idlePrompt(
  entries: readonly TimeEntry[],
  opts: { lastActivityAt: number; now: number; idleMinutes: Settings['idleMinutes'] },
): IdlePrompt | undefined {
  const entry = current(entries);
  if (!entry || isPaused(entry)) return undefined;
  const since = Math.max(opts.lastActivityAt, entry.start);
  const idleMs = opts.now - since;
  return idleMs > opts.idleMinutes * 60_000 ? { entry, since, idleMs } : undefined;
}

/** The write for the user's answer; `keep` writes nothing. */
export function resolveIdle(
  prompt: IdlePrompt,
  choice: IdleChoice,
  now: number,
): Update<'timeEntries'> | undefined {
  const { entry, since } = prompt;
  switch (choice) {
    case 'keep':
      return undefined;
    case 'discard':
      if (now <= since) return undefined;
      return { id: entry.id, patch: { pauses: [...entry.pauses, { start: since, end: now }] } };
    case 'stop':
      return { id: entry.id, patch: endPatch(entry, since) };
  }
}

/**
 * "Still working?": the running timer has counted more than `stillWorkingHours` of work since it
 * started, or since the user last said yes (pauses do not count).
 */
export function needsStillWorking(
  entry: TimeEntry,
  opts: { now: number; stillWorkingHours: Settings['stillWorkingHours'] },
): boolean {
  if (entry.end !== undefined || isPaused(entry)) return false;
  const from = Math.max(entry.start, entry.workingConfirmedAt ?? entry.start);
  const sinceConfirmed = workedMs(entry, opts.now) - workedMs({ ...entry, end: from }, opts.now);
  return sinceConfirmed > opts.stillWorkingHours * 3_600_000;
}

/** The user said they are still working: ask again only after another full period. */
export function confirmStillWorking(entry: TimeEntry, now: number): Update<'timeEntries'> {
  return { id: entry.id, patch: { workingConfirmedAt: now } };
}
