// What the CSV mapping form must have before the file can be read: a date column, and either an
// amount column or at least one of the debit and credit columns, each column used once.
import type { CsvMapping } from '@tally/model/bank/csv';

export type MappedField =
  'date' | 'amount' | 'debit' | 'credit' | 'payee' | 'memo' | 'currency' | 'category' | 'id';

export const mappedFields: readonly MappedField[] = [
  'date',
  'amount',
  'debit',
  'credit',
  'payee',
  'memo',
  'currency',
  'category',
  'id',
];

export function mappingErrors(
  mapping: CsvMapping,
  split: boolean,
): Partial<Record<MappedField, string>> {
  const errors: Partial<Record<MappedField, string>> = {};
  if (mapping.date === undefined) errors.date = 'Choose the column with the date.';
  if (split) {
    if (mapping.debit === undefined && mapping.credit === undefined)
      errors.debit = 'Choose the money out column, the money in column, or both.';
  } else if (mapping.amount === undefined) {
    errors.amount = 'Choose the column with the amount.';
  }
  const seen = new Map<number, MappedField>();
  for (const field of mappedFields) {
    const column = mapping[field];
    if (column === undefined) continue;
    const first = seen.get(column);
    if (first !== undefined) errors[field] ??= `This column is already used for ${first}.`;
    else seen.set(column, field);
  }
  return errors;
}
