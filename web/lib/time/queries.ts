// The reads the time screens make over the projection tables. Clients, projects, tasks and
// invoices are few and read whole; time entries grow every day and are read by their indexed
// `start`, a window at a time.
import type { TallyDB } from '../store/schema.ts';
import {
  asRecords,
  type CatalogRecords,
  type Client,
  type Invoice,
  type InvoiceLine,
  type Project,
  type Task,
  type TimeEntry,
} from './types.ts';

const HOUR = 3_600_000;
/** How far before a window an entry may start and still reach into it (a night shift, a forgotten stop). */
export const OVERLAP_MS = 48 * HOUR;

export async function catalogRecords(db: TallyDB): Promise<CatalogRecords> {
  const [clients, projects, tasks] = await Promise.all([
    db.clients.orderBy('name').toArray(),
    db.projects.orderBy('name').toArray(),
    db.tasks.toArray(),
  ]);
  return {
    clients: asRecords<Client>(clients),
    projects: asRecords<Project>(projects),
    tasks: asRecords<Task>(tasks).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Entries without an end: running timers (the `running` index holds exactly those). */
export async function runningEntries(db: TallyDB, _now?: number): Promise<TimeEntry[]> {
  return asRecords<TimeEntry>(await db.timeEntries.where('running').equals(1).toArray());
}

/** Entries that started at or after `from` and before `to` (when given), oldest first. */
export async function entriesStarting(
  db: TallyDB,
  from: number,
  to?: number,
): Promise<TimeEntry[]> {
  const where = db.timeEntries.where('start');
  const rows =
    to === undefined
      ? await where.aboveOrEqual(from).toArray()
      : await where.between(from, to, true, false).toArray();
  return asRecords<TimeEntry>(rows);
}

/**
 * Entries that may have worked time between `from` and `to`: those starting in the window, or
 * up to OVERLAP_MS before it, plus every running entry (which may have started long before).
 */
export async function entriesAround(
  db: TallyDB,
  from: number,
  to: number,
  now: number,
): Promise<TimeEntry[]> {
  const [inside, running] = await Promise.all([
    entriesStarting(db, from - OVERLAP_MS, to),
    runningEntries(db, now),
  ]);
  const ids = new Set(inside.map((e) => e.id));
  return [...inside, ...running.filter((e) => !ids.has(e.id))];
}

/**
 * What conflict resolution looks at: every entry from the earlier of `since` and the oldest
 * running entry's start. It must be every entry from some instant on, never a sample: the rule
 * ends each timed entry at the next one's start, and a gap in the data would pick the wrong next.
 */
export async function resolutionWindow(
  db: TallyDB,
  since: number,
  now: number,
): Promise<TimeEntry[]> {
  const running = await runningEntries(db, now);
  const from = Math.min(since, ...running.map((e) => e.start));
  return entriesStarting(db, from);
}

/** The start of the latest entry that began before `before`, if any (to page back to it). */
export async function latestStartBefore(db: TallyDB, before: number): Promise<number | undefined> {
  const key = await db.timeEntries.where('start').below(before).reverse().first();
  return key ? (key.start as number) : undefined;
}

/** Every entry of one project (for its budget), oldest first. */
export async function projectEntries(db: TallyDB, projectId: string): Promise<TimeEntry[]> {
  const rows = await db.timeEntries
    .where('[projectId+start]')
    .between([projectId, -Infinity], [projectId, Infinity], true, true)
    .toArray();
  return asRecords<TimeEntry>(rows);
}

/** Import keys of the entries imported before, so a re-import skips them. */
export async function importKeys(db: TallyDB): Promise<string[]> {
  return (await db.timeEntries.orderBy('importKey').uniqueKeys()) as string[];
}

export async function invoices(db: TallyDB): Promise<Invoice[]> {
  return asRecords<Invoice>(await db.invoices.toArray());
}

export async function invoiceLines(db: TallyDB, invoiceId?: string): Promise<InvoiceLine[]> {
  const rows =
    invoiceId === undefined
      ? await db.invoiceLines.toArray()
      : await db.invoiceLines.where('invoiceId').equals(invoiceId).toArray();
  return asRecords<InvoiceLine>(rows).sort((a, b) => a.order - b.order);
}

export async function invoiceEntries(db: TallyDB, invoiceId: string): Promise<TimeEntry[]> {
  return asRecords<TimeEntry>(await db.timeEntries.where('invoiceId').equals(invoiceId).toArray());
}
