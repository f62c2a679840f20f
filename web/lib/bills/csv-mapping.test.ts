import { describe, expect, it } from 'vitest';
import type { CsvMapping } from '@tally/model/bank/csv';
import { mappingErrors } from './csv-mapping.ts';

const base: CsvMapping = {
  delimiter: ',',
  hasHeader: true,
  dateOrder: 'ymd',
  decimalSeparator: '.',
};

describe('mappingErrors', () => {
  it('accepts a date and an amount', () => {
    expect(mappingErrors({ ...base, date: 0, amount: 1, payee: 2 }, false)).toEqual({});
  });

  it('accepts debit or credit columns when split', () => {
    expect(mappingErrors({ ...base, date: 0, debit: 1 }, true)).toEqual({});
    expect(mappingErrors({ ...base, date: 0, credit: 1 }, true)).toEqual({});
  });

  it('asks for what is missing', () => {
    expect(mappingErrors(base, false)).toEqual({
      date: 'Choose the column with the date.',
      amount: 'Choose the column with the amount.',
    });
    expect(Object.keys(mappingErrors({ ...base, date: 0 }, true))).toEqual(['debit']);
  });

  it('flags a column used twice', () => {
    expect(mappingErrors({ ...base, date: 0, amount: 1, payee: 1 }, false)).toEqual({
      payee: 'This column is already used for amount.',
    });
  });
});
