import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as records from '../records/bills.ts';
import { FIXED_ID } from '../testing.ts';
import { accountFromStatement, suggestAccount } from './accounts.ts';
import type { ParsedStatement } from './statement.ts';

const statement = (account: ParsedStatement['account'], currency = 'USD'): ParsedStatement => ({
  account,
  currency,
  transactions: [],
});

describe('suggestAccount', () => {
  const accounts = [
    { id: 'a1', currency: 'USD', numberHint: '1234', importKey: 'ofx:aaa' },
    { id: 'a2', currency: 'USD', numberHint: '5678' },
    { id: 'a3', currency: 'EUR', numberHint: '5678' },
    { id: 'a4', currency: 'USD', numberHint: '9999' },
    { id: 'a5', currency: 'USD', numberHint: '9999', archived: true },
  ];
  it.each([
    ['the same import key', { key: 'ofx:aaa', numberHint: '0000' }, 'USD', 'a1'],
    ['the only account ending the same in that currency', { numberHint: '5678' }, 'USD', 'a2'],
    ['currency decides between two', { numberHint: '5678' }, 'EUR', 'a3'],
    ['archived accounts do not count', { numberHint: '9999' }, 'USD', 'a4'],
    ['no hint', {}, 'USD', undefined],
    ['no match', { numberHint: '4321' }, 'USD', undefined],
  ])('%s', (_label, account, currency, expected) => {
    expect(suggestAccount(statement(account, currency), accounts)).toBe(expected);
  });
});

describe('accountFromStatement', () => {
  it('builds a valid account keeping only the last digits and the import key', () => {
    const input = accountFromStatement(
      statement({ key: 'ofx:abc', numberHint: '5678', kind: 'credit', institution: 'Bank' }, 'CAD'),
      'Visa',
    );
    const record = v.parse(records.account, { id: FIXED_ID, ...input });
    expect(record).toMatchObject({
      name: 'Visa',
      currency: 'CAD',
      kind: 'credit',
      numberHint: '5678',
      importKey: 'ofx:abc',
      institution: 'Bank',
    });
  });
  it('prefers the name from the file (QIF !Account)', () => {
    expect(accountFromStatement(statement({ name: 'Checking Main' }), 'Imported').name).toBe(
      'Checking Main',
    );
  });
});
