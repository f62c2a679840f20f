// The weekly timesheet: hours per project and local day, and what typing a new total in a cell
// does to the entries.
//
// The rule for a cell edit (the user sets project P's time on day D to T):
// - More than before: one manual entry of the difference is added for P on D. It starts where the
//   day's last finished entry ends (so it does not overlap the day's work), or at 09:00 on an
//   empty day, and is moved earlier if it would run past midnight.
// - Less than before: P's entries that lie wholly on D are shortened from the latest one back:
//   the latest loses time at its end; one that would lose all its time is deleted. Running,
//   invoiced and overnight entries are left alone; whatever cannot be taken off is reported.
// Shortened entries become manual (their times were set by hand). Every edit can be undone.
import { dates, err, ok, time, type Result } from '@tally/model';
import type { Ids } from '@tally/model/ids';
import type { Write } from '../store/store.ts';
import type { TimeEntry } from './types.ts';

export interface TimesheetRow {
  /** '' for entries without a project. */
  projectId: string;
  /** Seconds per day of the week. */
  cells: number[];
  total: number;
}

export interface Timesheet {
  days: string[];
  rows: TimesheetRow[];
  dayTotals: number[];
  total: number;
}

/**
 * The grid for the week of `days` (seven local dates). `keepRows` are projects shown even without
 * time (rows the user added). Rows are in the order `compareRows` gives.
 */
export function timesheet(
  entries: readonly TimeEntry[],
  days: readonly string[],
  zone: string,
  now: number,
  options: { keepRows?: readonly string[]; compareRows?: (a: string, b: string) => number } = {},
): Timesheet {
  const index = new Map(days.map((d, i) => [d, i]));
  const rows = new Map<string, number[]>();
  const rowOf = (projectId: string): number[] => {
    let cells = rows.get(projectId);
    if (!cells) rows.set(projectId, (cells = days.map(() => 0)));
    return cells;
  };
  for (const id of options.keepRows ?? []) rowOf(id);
  for (const entry of entries) {
    for (const share of time.durations.splitByDay(entry, zone, now)) {
      const i = index.get(share.date);
      if (i === undefined) continue;
      const cells = rowOf(entry.projectId ?? '');
      cells[i] = (cells[i] ?? 0) + share.seconds;
    }
  }
  const compare = options.compareRows ?? ((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  const out = [...rows]
    .map(([projectId, cells]) => ({ projectId, cells, total: cells.reduce((s, c) => s + c, 0) }))
    .sort((a, b) => compare(a.projectId, b.projectId));
  const dayTotals = days.map((_, i) => out.reduce((s, r) => s + (r.cells[i] ?? 0), 0));
  return { days: [...days], rows: out, dayTotals, total: dayTotals.reduce((s, c) => s + c, 0) };
}

export interface CellEdit {
  /** undefined for "no project". */
  projectId: string | undefined;
  date: string;
  /** The new total for the cell. */
  seconds: number;
}

export interface CellContext {
  zone: string;
  now: number;
  ids: Ids;
  /** What a new entry carries besides its project and times: billing and the rate at the time. */
  fields: time.timer.EntryFields;
}

export interface CellPlan {
  writes: Write[];
  /** Seconds that could not be taken off (running, invoiced or overnight entries). */
  shortBy: number;
}

const DAY_START_HOUR = 9;

export function planCellEdit(
  entries: readonly TimeEntry[],
  edit: CellEdit,
  ctx: CellContext,
): Result<CellPlan, string> {
  const dayStart = dates.startOfDay(edit.date, ctx.zone);
  const dayEnd = dates.startOfDay(dates.addDays(edit.date, 1), ctx.zone);
  const dayMs = dayEnd - dayStart;
  if (edit.seconds * 1000 > dayMs)
    return err(
      `A day has only ${Math.round(dayMs / 3_600_000)} hours; ${edit.date} cannot hold more.`,
    );
  const mine = entries.filter((e) => (e.projectId ?? undefined) === edit.projectId);
  const current = mine.reduce((sum, e) => sum + secondsOn(e, edit.date, ctx), 0);
  const diff = edit.seconds - current;
  if (diff === 0) return ok({ writes: [], shortBy: 0 });
  if (diff > 0)
    return ok({ writes: [addition(entries, edit, diff, dayStart, dayEnd, ctx)], shortBy: 0 });

  let remaining = -diff;
  const writes: Write[] = [];
  const adjustable = mine
    .filter(
      (e) =>
        e.end !== undefined && e.invoiceId === undefined && e.start >= dayStart && e.end <= dayEnd,
    )
    .sort((a, b) => time.catalog.compareEntries(b, a));
  for (const entry of adjustable) {
    if (remaining <= 0) break;
    const worked = time.durations.workedSeconds(entry, ctx.now);
    if (worked === 0) continue;
    if (remaining >= worked) {
      writes.push({ op: 'remove', collection: 'timeEntries', id: entry.id });
      remaining -= worked;
      continue;
    }
    const end = endAfterWorked(entry, (worked - remaining) * 1000);
    const u = time.timer.editTimes(entry, { end });
    if (!u.ok) continue;
    writes.push({
      op: 'update',
      collection: 'timeEntries',
      id: entry.id,
      data: { ...u.value.patch, pauses: time.durations.clipPauses(entry.pauses, end) },
    });
    remaining = 0;
  }
  return ok({ writes, shortBy: remaining });
}

function secondsOn(entry: TimeEntry, date: string, ctx: CellContext): number {
  return time.durations
    .splitByDay(entry, ctx.zone, ctx.now)
    .reduce((sum, d) => (d.date === date ? sum + d.seconds : sum), 0);
}

function addition(
  entries: readonly TimeEntry[],
  edit: CellEdit,
  seconds: number,
  dayStart: number,
  dayEnd: number,
  ctx: CellContext,
): Write {
  const lastEnd = entries
    .filter((e) => e.end !== undefined && e.end > dayStart && e.end < dayEnd)
    .reduce<number | undefined>((max, e) => Math.max(max ?? 0, e.end ?? 0), undefined);
  let start = lastEnd ?? dates.instantAt(edit.date, DAY_START_HOUR * 3_600_000, ctx.zone);
  const ms = seconds * 1000;
  if (start + ms > dayEnd) start = Math.max(dayStart, dayEnd - ms);
  const f = ctx.fields;
  return {
    op: 'create',
    collection: 'timeEntries',
    id: ctx.ids.next(start),
    data: {
      start,
      end: start + ms,
      description: f.description ?? '',
      tags: f.tags ?? [],
      billable: f.billable ?? true,
      source: 'manual',
      ...(edit.projectId !== undefined && { projectId: edit.projectId }),
      ...(f.rate !== undefined && { rate: f.rate }),
      ...(f.currency !== undefined && { currency: f.currency }),
    },
  };
}

/** The instant at which an entry has counted `workedMs` of work (pauses skipped). */
export function endAfterWorked(entry: TimeEntry, workedMs: number): number {
  let counted = 0;
  const intervals = time.durations.workedIntervals(entry, entry.end ?? entry.start);
  for (const i of intervals) {
    const length = i.end - i.start;
    if (counted + length >= workedMs) return i.start + (workedMs - counted);
    counted += length;
  }
  return intervals.at(-1)?.end ?? entry.start;
}
