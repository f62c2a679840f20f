// Monthly overrides: a change to one month of a recurring bill (skip it, snooze it, pay a
// different amount, leave a note) that leaves the bill itself alone. Two devices offline can each
// create an override for the same bill and month; both records survive the merge, so readers fold
// them into one, and writers aim their edit so that the fold gives exactly what the user chose.
import type { RecordOf } from '../collections.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';

type Override = RecordOf<'monthlyOverrides'>;

/** What one month of one bill looks like after all its override records are folded together. */
export interface MonthOverride {
  billId: string;
  month: MonthKey;
  skip: boolean;
  amount?: number;
  snoozeUntil?: CalendarDate;
  note?: string;
  /** The records it came from, oldest id first: an edit must reach all of them. */
  ids: string[];
}

/** The fields a person edits on a month. `undefined` clears a field. */
export interface OverrideEdit {
  skip?: boolean;
  amount?: number | undefined;
  snoozeUntil?: CalendarDate | undefined;
  note?: string | undefined;
}

/**
 * Folds duplicate records for one bill and month, in id order (ids are ULIDs, so creation order):
 * a field that a later record sets wins over an earlier one, and `skip` holds when any record says
 * so. The order does not depend on which device merged first, so every device reads the same.
 */
export function merge(records: readonly Override[]): MonthOverride[] {
  const byKey = new Map<string, Override[]>();
  for (const r of records) {
    const key = `${r.billId}|${r.month}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const merged: MonthOverride[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first = list[0] as Override;
    const result: MonthOverride = {
      billId: first.billId,
      month: first.month,
      skip: false,
      ids: [],
    };
    for (const r of list) {
      result.ids.push(r.id);
      if (r.skip) result.skip = true;
      if (r.amount !== undefined) result.amount = r.amount;
      if (r.snoozeUntil !== undefined) result.snoozeUntil = r.snoozeUntil;
      if (r.note !== undefined) result.note = r.note;
    }
    merged.push(result);
  }
  return merged;
}

/** The merged overrides of one bill, by month. */
export function byMonth(
  records: readonly Override[],
  billId: string,
): Map<MonthKey, MonthOverride> {
  const mine = records.filter((r) => r.billId === billId);
  return new Map(merge(mine).map((m) => [m.month, m]));
}

export type OverrideWrite =
  | {
      kind: 'create';
      input: { billId: string; month: MonthKey } & Omit<OverrideEdit, 'skip'> & { skip: boolean };
    }
  | { kind: 'update'; id: string; patch: OverrideEdit };

/**
 * The writes that make a month read as `edit` (on top of what it already has). With no record yet
 * it creates one; otherwise it updates the newest record with the edit and clears the edited
 * fields on the older duplicates, so the fold cannot bring an old value back. Fields the edit does
 * not mention stay as they are on every record.
 */
export function planEdit(
  records: readonly Override[],
  billId: string,
  month: MonthKey,
  edit: OverrideEdit,
): OverrideWrite[] {
  const existing = records
    .filter((r) => r.billId === billId && r.month === month)
    .map((r) => r.id)
    .sort();
  if (existing.length === 0) {
    const input: Extract<OverrideWrite, { kind: 'create' }>['input'] = {
      billId,
      month,
      skip: edit.skip ?? false,
    };
    if (edit.amount !== undefined) input.amount = edit.amount;
    if (edit.snoozeUntil !== undefined) input.snoozeUntil = edit.snoozeUntil;
    if (edit.note !== undefined) input.note = edit.note;
    return [{ kind: 'create', input }];
  }
  const newest = existing[existing.length - 1] as string;
  const cleared: OverrideEdit = {};
  for (const key of Object.keys(edit) as (keyof OverrideEdit)[]) {
    if (key === 'skip') cleared.skip = false;
    else cleared[key] = undefined;
  }
  const writes: OverrideWrite[] = existing
    .slice(0, -1)
    .filter(() => Object.keys(cleared).length > 0)
    .map((id) => ({ kind: 'update', id, patch: cleared }));
  writes.push({ kind: 'update', id: newest, patch: { ...edit } });
  return writes;
}
