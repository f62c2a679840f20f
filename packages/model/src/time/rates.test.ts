import { describe, expect, it } from 'vitest';
import { catalog } from './catalog.ts';
import { rateFieldsFor, resolveRate } from './rates.ts';
import { client, project } from './testing.ts';

const settings = { currency: 'USD', defaultRate: 5000 };

describe('resolveRate', () => {
  const eur = client({ currency: 'EUR', rate: 9000 });
  const chf = project({ clientId: eur.id, currency: 'CHF', rate: 12000 });
  const plain = project({ clientId: eur.id });

  it.each([
    [
      'the entry’s rate in its own currency',
      { rate: 100, currency: 'GBP' },
      chf,
      eur,
      [100, 'GBP', 'entry'],
    ],
    ['the entry’s rate in the project’s currency', { rate: 100 }, chf, eur, [100, 'CHF', 'entry']],
    ['the entry’s rate in the client’s currency', { rate: 100 }, plain, eur, [100, 'EUR', 'entry']],
    ['the project’s rate', {}, chf, eur, [12000, 'CHF', 'project']],
    ['the client’s default', {}, plain, eur, [9000, 'EUR', 'client']],
    ['the user’s default', {}, undefined, undefined, [5000, 'USD', 'settings']],
  ])('%s', (_what, e, p, c, [rate, currency, from]) => {
    expect(resolveRate(e, p, c, settings)).toEqual({ rate, currency, from });
  });

  it('has none when nothing sets one', () => {
    expect(resolveRate({}, plain, client(), { currency: 'USD' })).toBeUndefined();
  });
});

it('rateFieldsFor freezes the rate a new entry would get', () => {
  const c = client({ currency: 'EUR', rate: 9000 });
  const p = project({ clientId: c.id });
  const cat = catalog({ clients: [c], projects: [p] });
  expect(rateFieldsFor(p.id, cat, settings)).toEqual({ rate: 9000, currency: 'EUR' });
  expect(rateFieldsFor(undefined, cat, settings)).toEqual({ rate: 5000, currency: 'USD' });
  expect(rateFieldsFor(undefined, cat, { currency: 'USD' })).toEqual({});
});
