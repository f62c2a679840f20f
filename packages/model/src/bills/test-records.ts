// Valid, fully defaulted records for the bills tests: the sample builders' fields, the caller's
// overrides, parsed through the real schema so defaults (active, autopay, skip…) are filled in.
import * as v from 'valibot';
import { collections, type CollectionName, type InputOf, type RecordOf } from '../collections.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';
import { build, testIds } from '../testing.ts';

const ids = testIds(5);

/** A fresh id; later calls give greater ids (ULIDs on a ticking clock). */
export function nextId(): string {
  return ids.next();
}

export function make<N extends CollectionName>(
  name: N,
  fields: Partial<InputOf<N>> = {},
  id = nextId(),
): RecordOf<N> {
  return v.parse(collections[name].schema, { ...build(name, 0, fields), id });
}

export function bill(fields: Partial<InputOf<'bills'>> = {}): RecordOf<'bills'> {
  return make('bills', { name: 'Rent', amount: 120000, dueDay: undefined, ...fields });
}

export function payment(
  billId: string,
  date: CalendarDate,
  fields: Partial<InputOf<'payments'>> = {},
): RecordOf<'payments'> {
  return make('payments', { billId, date, amount: 120000, currency: 'USD', ...fields });
}

export function override(
  billId: string,
  month: MonthKey,
  fields: Partial<InputOf<'monthlyOverrides'>> = {},
  id = nextId(),
): RecordOf<'monthlyOverrides'> {
  return make('monthlyOverrides', { billId, month, amount: undefined, ...fields }, id);
}
