import { describe, expect, it } from 'vitest';
import { matchingRule, ruleMatches, suggestRules, type Rule } from './rules.ts';

const A = 'acc-a';
const B = 'acc-b';

describe('ruleMatches', () => {
  it.each<[Partial<Rule>, { payee?: string; memo?: string; accountId?: string }, boolean]>([
    [{ text: 'netflix' }, { payee: 'NETFLIX.COM 866-579' }, true],
    [{ text: 'Netflix  COM' }, { payee: 'netflix com' }, true],
    [{ text: 'netflix' }, { payee: 'Spotify' }, false],
    [{ text: 'city power', match: 'equals' }, { payee: '  CITY   Power ' }, true],
    [{ text: 'city power', match: 'equals' }, { payee: 'City Power Ltd' }, false],
    [{ text: 'rent' }, { payee: '', memo: 'Monthly RENT transfer' }, true],
    [{ text: 'rent' }, { payee: 'Landlord', memo: 'Monthly RENT transfer' }, false],
    [{ text: 'rent', accountId: B }, { payee: 'rent' }, false],
    [{ text: 'rent', accountId: A }, { payee: 'rent' }, true],
    [{ text: 'Café' }, { payee: 'CAFÉ MÉTRO' }, true],
  ])('%j on %j → %s', (rule, t, expected) => {
    expect(ruleMatches({ id: 'r', billId: 'b', text: 'x', ...rule }, { accountId: A, ...t })).toBe(
      expected,
    );
  });
});

describe('matchingRule', () => {
  const rules: Rule[] = [
    { id: 'r1', text: 'power', billId: 'general' },
    { id: 'r2', text: 'city power', billId: 'longer' },
    { id: 'r3', text: 'city power co', match: 'equals', billId: 'exact' },
    { id: 'r4', text: 'power', billId: 'scoped', accountId: A },
  ];
  it.each([
    ['city power co', A, 'scoped'],
    ['city power co', B, 'exact'],
    ['city power ltd', B, 'longer'],
    ['solar power', B, 'general'],
    ['water', B, undefined],
  ])('%s in %s → %s', (payee, accountId, billId) => {
    expect(matchingRule(rules, { accountId, payee })?.billId).toBe(billId);
  });
  it('breaks ties by id', () => {
    const tied: Rule[] = [
      { id: 'z', text: 'gym', billId: 'second' },
      { id: 'a', text: 'gym', billId: 'first' },
    ];
    expect(matchingRule(tied, { accountId: A, payee: 'gym' })?.billId).toBe('first');
  });
});

describe('suggestRules', () => {
  const transactions = [
    { id: 't1', accountId: A, payee: 'NETFLIX.COM 12345' },
    { id: 't2', accountId: A, payee: 'Netflix.com 67890' },
    { id: 't3', accountId: A, payee: 'City Power' },
    { id: 't4', accountId: A, payee: 'Gym', billId: 'gym' },
    { id: 't5', accountId: A, payee: 'Gym' },
    { id: 't6', accountId: A, payee: 'Spotify' },
    { id: 't7', accountId: A, payee: 'Amazon Prime', billId: 'prime' },
    { id: 't8', accountId: A, payee: 'Amazon Marketplace', billId: 'shopping' },
    { id: 't9', accountId: A, payee: 'Amazon Prime', billId: 'prime' },
  ];
  const payments = [
    { billId: 'netflix', transactionId: 't1' },
    { billId: 'netflix', transactionId: 't2' },
    { billId: 'power', transactionId: 't3' },
    { billId: 'gym', transactionId: 't5' },
    { billId: 'netflix' },
  ];

  it("proposes the shared leading words of a bill's payees", () => {
    expect(suggestRules(transactions, payments, [])).toEqual([
      { match: 'contains', text: 'gym', billId: 'gym', transactionIds: ['t4', 't5'] },
      { match: 'contains', text: 'netflix.com', billId: 'netflix', transactionIds: ['t1', 't2'] },
      { match: 'contains', text: 'amazon prime', billId: 'prime', transactionIds: ['t7', 't9'] },
    ]);
  });

  it('proposes nothing a rule already covers', () => {
    const rules: Rule[] = [{ id: 'r', text: 'netflix', billId: 'netflix' }];
    expect(suggestRules(transactions, payments, rules).map((s) => s.billId)).toEqual([
      'gym',
      'prime',
    ]);
  });

  it("proposes nothing that would also match another bill's transactions", () => {
    const tx = [
      { id: 'x1', accountId: A, payee: 'Amazon 1', billId: 'prime' },
      { id: 'x2', accountId: A, payee: 'Amazon 2', billId: 'prime' },
      { id: 'x3', accountId: A, payee: 'Amazon 3', billId: 'shopping' },
    ];
    expect(suggestRules(tx, [], [])).toEqual([]);
  });

  it('needs at least two transactions and three characters', () => {
    expect(
      suggestRules(
        [
          { id: 'a', accountId: A, payee: 'Ab 1', billId: 'x' },
          { id: 'b', accountId: A, payee: 'Ab 2', billId: 'x' },
        ],
        [],
        [],
      ),
    ).toEqual([]);
    expect(suggestRules([{ id: 'a', accountId: A, payee: 'Water', billId: 'x' }], [], [])).toEqual(
      [],
    );
  });
});
