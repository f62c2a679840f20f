// One month of one bill changed without touching the bill: skip it, snooze it, pay another
// amount, leave a note. The form reads into an override edit; bills.overrides.planEdit turns that
// into writes that also tidy the duplicates two offline devices may have made.
import type { MonthKey } from '@tally/model/dates';
import * as dates from '@tally/model/dates';
import * as money from '@tally/model/money';
import { err, ok, type Result } from '@tally/model/result';
import * as overrides from '@tally/model/bills/overrides';
import type { Write } from '../store/store.ts';
import type { Override } from './types.ts';

export interface MonthEditValues {
  skip: boolean;
  snoozeUntil: string;
  amount: string;
  note: string;
}

export type MonthEditErrors = Partial<Record<keyof MonthEditValues, string>>;

/** The month as it reads now, for the form. */
export function monthEditValues(
  records: readonly Override[],
  billId: string,
  month: MonthKey,
  currency: string,
): MonthEditValues {
  const current = overrides.byMonth(records, billId).get(month);
  return {
    skip: current?.skip ?? false,
    snoozeUntil: current?.snoozeUntil ?? '',
    amount: current?.amount === undefined ? '' : money.toDecimalString(current.amount, currency),
    note: current?.note ?? '',
  };
}

/**
 * The edit the form asks for. Every field is in it (an empty one clears), so the month reads
 * exactly as the form shows. A snooze must move the due date later than `scheduled`, the first
 * due date of the month.
 */
export function readMonthEdit(
  values: MonthEditValues,
  currency: string,
  scheduled: string,
): Result<overrides.OverrideEdit, MonthEditErrors> {
  const errors: MonthEditErrors = {};
  let amount: number | undefined;
  if (values.amount.trim() !== '') {
    const parsed = money.parseDecimal(values.amount, currency);
    if (!parsed.ok) errors.amount = `${parsed.error}.`;
    else if (parsed.value < 0) errors.amount = 'The amount cannot be negative.';
    else amount = parsed.value;
  }
  const snooze = values.snoozeUntil.trim();
  if (snooze !== '' && !dates.isCalendarDate(snooze)) errors.snoozeUntil = 'That is not a date.';
  else if (snooze !== '' && snooze <= scheduled)
    errors.snoozeUntil = 'Pick a day after the due date to snooze to.';
  const note = values.note.trim();
  if (note.length > 500) errors.note = 'Keep the note under 500 characters.';
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    skip: values.skip,
    amount,
    snoozeUntil: snooze === '' ? undefined : snooze,
    note: note === '' ? undefined : note,
  });
}

/** Whether an edit changes nothing on a month that has no override yet. */
export function isEmptyEdit(edit: overrides.OverrideEdit): boolean {
  return (
    !edit.skip &&
    edit.amount === undefined &&
    edit.snoozeUntil === undefined &&
    edit.note === undefined
  );
}

/**
 * The store writes for an edit of a bill's month; none when the month has no override and the
 * edit sets nothing. `newId` gives the id of a new override record.
 */
export function monthWrites(
  records: readonly Override[],
  billId: string,
  month: MonthKey,
  edit: overrides.OverrideEdit,
  newId: () => string,
): Write[] {
  const existing = records.some((r) => r.billId === billId && r.month === month);
  if (!existing && isEmptyEdit(edit)) return [];
  return overrides.planEdit(records, billId, month, edit).map((w): Write => {
    if (w.kind === 'create') {
      const data: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(w.input))
        if (value !== undefined) data[key] = value;
      return { op: 'create', collection: 'monthlyOverrides', id: newId(), data };
    }
    return { op: 'update', collection: 'monthlyOverrides', id: w.id, data: { ...w.patch } };
  });
}
