// The bills records as views hold them: projection rows are validated records plus their id, so
// they can be used as the model's record types once read.
import type { RecordOf } from '@tally/model';
import type { Row } from '../store/schema.ts';

export type Bill = RecordOf<'bills'>;
export type Category = RecordOf<'categories'>;
export type Override = RecordOf<'monthlyOverrides'>;
export type Payment = RecordOf<'payments'>;
export type Income = RecordOf<'incomes'>;
export type StartingAmount = RecordOf<'startingAmounts'>;
export type Account = RecordOf<'accounts'>;
export type Transaction = RecordOf<'transactions'>;
export type PayeeRule = RecordOf<'payeeRules'>;
export type MatchDismissal = RecordOf<'billMatchDismissals'>;

/** Projection rows as the records they are (the store validated them on the way in). */
export function asRecords<T>(rows: readonly Row[]): T[] {
  return rows as unknown as T[];
}

export function asRecord<T>(row: Row | undefined): T | undefined {
  return row as unknown as T | undefined;
}
