// Timer and entry operations against the store. Each reads what it needs from the projections at
// the moment it runs (not what a view showed a second ago), asks the model for the writes, and
// applies them in one batch. Failures come back as sentences for a toast.
import { err, ok, time, type Result, type Settings } from '@tally/model';
import { describeStoreError, type Store, type Write } from '../store/store.ts';
import { newEntryFields } from './edits.ts';
import { catalogRecords, runningEntries } from './queries.ts';
import type { TimeEntry } from './types.ts';
import { entryWrites, inverse } from './writes.ts';

export type RateSettings = Pick<Settings, 'currency' | 'defaultRate'>;

/** Timers started in this tab: their taking over from another timer is no news to the user. */
export const startedHere = new Set<string>();

async function run(store: Store, writes: readonly Write[]): Promise<Result<void, string>> {
  if (writes.length === 0) return ok(undefined);
  const r = await store.apply(writes);
  return r.ok ? ok(undefined) : err(describeStoreError(r.error));
}

async function catalog(store: Store): Promise<time.catalog.Catalog> {
  return time.catalog.catalog(await catalogRecords(store.db));
}

/** Starts a timer now (stopping any that runs); resolves to the new entry's id. */
export async function startTimer(
  store: Store,
  fields: time.timer.EntryFields,
  now: number,
  settings: RateSettings,
): Promise<Result<string, string>> {
  const [running, cat] = await Promise.all([runningEntries(store.db, now), catalog(store)]);
  const writes = time.timer.start(running, newEntryFields(fields, cat, settings), {
    now,
    ids: store.ids,
  });
  const id = writes.creates[0]?.id ?? '';
  startedHere.add(id);
  const r = await run(store, entryWrites(writes));
  return r.ok ? ok(id) : r;
}

/** Stops the running timer (every running one when `id` is not given). */
export async function stopTimer(
  store: Store,
  now: number,
  id?: string,
): Promise<Result<void, string>> {
  const running = await runningEntries(store.db, now);
  if (running.length === 0) return err('No timer is running.');
  return run(store, entryWrites(time.timer.stop(running, now, id)));
}

export async function pauseTimer(store: Store, now: number): Promise<Result<void, string>> {
  const entry = time.timer.current(await runningEntries(store.db, now));
  if (!entry) return err('No timer is running.');
  const u = time.timer.pause(entry, now);
  if (!u.ok) return err(timerMessage(u.error));
  return run(store, [
    { op: 'update', collection: 'timeEntries', id: u.value.id, data: u.value.patch },
  ]);
}

export async function resumeTimer(store: Store, now: number): Promise<Result<void, string>> {
  const entry = time.timer.current(await runningEntries(store.db, now));
  if (!entry) return err('No timer is running.');
  const u = time.timer.resume(entry, now);
  if (!u.ok) return err(timerMessage(u.error));
  return run(store, [
    { op: 'update', collection: 'timeEntries', id: u.value.id, data: u.value.patch },
  ]);
}

/** Starts a new timer that carries on a past entry (and stops the one that runs). */
export async function continueEntry(
  store: Store,
  past: TimeEntry,
  now: number,
  settings: RateSettings,
): Promise<Result<string, string>> {
  return startTimer(store, time.timer.fieldsOf(past), now, settings);
}

function timerMessage(error: time.timer.TimerError): string {
  switch (error.kind) {
    case 'not-running':
      return 'That timer has already stopped.';
    case 'already-paused':
      return 'The timer is already paused.';
    case 'not-paused':
      return 'The timer is not paused.';
  }
}

/**
 * Applies writes and returns the writes that undo them, built from the records as they were just
 * before (read from the documents, so an undo restores every field).
 */
export async function applyWithUndo(
  store: Store,
  writes: readonly Write[],
): Promise<Result<Write[], string>> {
  const before = new Map<string, Record<string, unknown>>();
  for (const w of writes) {
    if (w.op === 'create') continue;
    const record = await store.get(w.collection, w.id);
    if (record) before.set(w.id, record);
  }
  const r = await run(store, writes);
  return r.ok ? ok(inverse(writes, before)) : r;
}

/** Deletes entries; resolves to the writes that bring them back. */
export function deleteEntries(
  store: Store,
  ids: readonly string[],
): Promise<Result<Write[], string>> {
  return applyWithUndo(
    store,
    ids.map((id) => ({ op: 'remove', collection: 'timeEntries', id })),
  );
}

/** Times typed by hand, through the model's rule (the entry becomes manual). */
export async function editTimes(
  store: Store,
  entry: TimeEntry,
  times: { start?: number; end?: number },
): Promise<Result<void, string>> {
  const u = time.timer.editTimes(entry, times);
  if (!u.ok) return err('An entry cannot end before it starts.');
  return run(store, [
    { op: 'update', collection: 'timeEntries', id: u.value.id, data: u.value.patch },
  ]);
}

export interface ManualEntry extends time.timer.EntryFields {
  start: number;
  end: number;
}

/** A finished entry typed by hand; its id carries its start, so it lands in that year's document. */
export async function addManualEntry(
  store: Store,
  entry: ManualEntry,
  settings: RateSettings,
): Promise<Result<string, string>> {
  if (entry.end < entry.start) return err('An entry cannot end before it starts.');
  const { start, end, ...fields } = entry;
  const full = newEntryFields(fields, await catalog(store), settings);
  const id = store.newId(start);
  const r = await run(store, [
    {
      op: 'create',
      collection: 'timeEntries',
      id,
      data: {
        start,
        end,
        description: full.description ?? '',
        tags: full.tags ?? [],
        billable: full.billable ?? true,
        source: 'manual',
        ...(full.projectId !== undefined && { projectId: full.projectId }),
        ...(full.taskId !== undefined && { taskId: full.taskId }),
        ...(full.rate !== undefined && { rate: full.rate }),
        ...(full.currency !== undefined && { currency: full.currency }),
      },
    },
  ]);
  return r.ok ? ok(id) : r;
}
