import { describe, expect, it } from 'vitest';
import { bill } from '@tally/model/bills/test-records';
import { fold, searchBills } from './search.ts';

const names = (list: { name: string }[]) => list.map((b) => b.name);

describe('searchBills', () => {
  const all = [
    bill({ name: 'Électricité' }),
    bill({ name: 'Netflix' }),
    bill({ name: 'Car loan' }),
    bill({ name: 'Old phone', active: false }),
    bill({ name: 'Phone' }),
    bill({ name: 'Gym', cancelledOn: '2026-01-31' }),
    bill({ name: 'Loan for the car' }),
  ];

  it('folds accents and case', () => {
    expect(fold('  Électricité  Bill ')).toBe('electricite bill');
    expect(names(searchBills(all, 'ELEC', '2026-03-01'))).toEqual(['Électricité']);
  });

  it('puts prefix matches first, then word starts, then inner matches, ended bills last', () => {
    expect(names(searchBills(all, 'phone', '2026-03-01'))).toEqual(['Phone', 'Old phone']);
    expect(names(searchBills(all, 'loan', '2026-03-01'))).toEqual(['Loan for the car', 'Car loan']);
  });

  it('matches every word anywhere', () => {
    expect(names(searchBills(all, 'car loan', '2026-03-01'))).toEqual([
      'Car loan',
      'Loan for the car',
    ]);
  });

  it('lists running bills by name for an empty query, within the limit', () => {
    expect(names(searchBills(all, '', '2026-03-01', { limit: 3 }))).toEqual([
      'Car loan',
      'Électricité',
      'Loan for the car',
    ]);
    expect(names(searchBills(all, '', '2026-01-01')).slice(-1)).toEqual(['Old phone']);
  });

  it('finds nothing for an unknown name', () => {
    expect(searchBills(all, 'zzz', '2026-03-01')).toEqual([]);
  });
});
