// One running timer per user across devices. Two devices that start timers offline both have a
// running entry once they sync; every device runs `resolveRunning` on what it sees, and they all
// reach the same entries whichever resolves first, how often, and with how much of the others'
// data at the time.
//
// The rule is the one a single device follows — starting a timer stops the one that runs —
// applied after the fact: order the timed entries (running ones, and those the timer measured,
// `source: 'timer'`) by start, then id; each one ends no later than the next one's start, and
// records that next one in `supersededBy`; the last keeps running. Ends only ever move earlier,
// to the start of a later timer, so whatever a device saw when it resolved, the next resolution
// with more data lands on the same values, and identical patches from several devices merge to
// the same state. Entries typed or edited by hand (`source: 'manual'`) and imported ones are never
// touched. Pauses are left as they are (durations cut them to the entry), so a pause or resume
// made on the other device at the same moment is not overwritten.
import type { Patch } from '../collection.ts';
import { compareEntries, type TimeEntry } from './catalog.ts';
import type { Update } from './writes.ts';

export interface StoppedTimer {
  id: string;
  end: number;
  /** The timer whose start ended it. */
  byId: string;
  /** It was still running before this resolution (otherwise its end only moved earlier). */
  wasRunning: boolean;
}

export interface Notice {
  kind: 'timers-resolved';
  /** The timer that keeps running, if one still does. */
  keptId?: string;
  stopped: StoppedTimer[];
  /** For people, in English; views may build their own from the fields above. */
  message: string;
}

export interface Resolution {
  updates: Update<'timeEntries'>[];
  /** Present when an end changed: the user should hear why. */
  notice?: Notice;
}

/** Entries the rule applies to: whatever runs, and whatever the timer measured. */
export function isTimed(entry: TimeEntry): boolean {
  return entry.end === undefined || entry.source === 'timer';
}

export function resolveRunning(entries: readonly TimeEntry[]): Resolution {
  const timed = entries.filter(isTimed).sort(compareEntries);
  const updates: Update<'timeEntries'>[] = [];
  const stopped: StoppedTimer[] = [];
  timed.forEach((entry, i) => {
    const next = timed[i + 1];
    if (!next) return;
    const end = entry.end === undefined ? next.start : Math.min(entry.end, next.start);
    const supersededBy = end === next.start ? next.id : undefined;
    const patch: Patch<'timeEntries'> = {};
    if (entry.end !== end) {
      patch.end = end;
      stopped.push({ id: entry.id, end, byId: next.id, wasRunning: entry.end === undefined });
    }
    if (entry.supersededBy !== supersededBy) patch.supersededBy = supersededBy;
    if (Object.keys(patch).length > 0) updates.push({ id: entry.id, patch });
  });
  if (stopped.length === 0) return { updates };
  const last = timed.at(-1);
  const keptId = last?.end === undefined ? last?.id : undefined;
  return {
    updates,
    notice: {
      kind: 'timers-resolved',
      ...(keptId !== undefined && { keptId }),
      stopped,
      message: describe(stopped, keptId, new Map(entries.map((e) => [e.id, e]))),
    },
  };
}

function describe(
  stopped: readonly StoppedTimer[],
  keptId: string | undefined,
  byId: ReadonlyMap<string, TimeEntry>,
): string {
  const name = (id: string): string => {
    const text = byId.get(id)?.description.trim();
    return text ? `“${text}”` : 'an untitled timer';
  };
  const parts = stopped.map((s) =>
    s.wasRunning
      ? `${name(s.id)} was also running on another device; it now ends when ${name(s.byId)} started.`
      : `${name(s.id)} now ends earlier, when ${name(s.byId)} started on another device.`,
  );
  if (keptId !== undefined) parts.push(`${name(keptId)} keeps running.`);
  return `Only one timer can run at a time. ${parts.join(' ')}`;
}
