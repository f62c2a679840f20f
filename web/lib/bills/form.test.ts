import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { collections } from '@tally/model';
import { bill } from '@tally/model/bills/test-records';
import {
  billForm,
  definedFields,
  emptyBillForm,
  firstDueDate,
  NEW_CATEGORY,
  readBillForm,
  type BillFormValues,
} from './form.ts';

function form(fields: Partial<BillFormValues> = {}): BillFormValues {
  return {
    ...emptyBillForm('USD'),
    name: 'Rent',
    amount: '1,200.50',
    firstDue: '2026-03-01',
    ...fields,
  };
}

function errorsOf(values: BillFormValues) {
  const r = readBillForm(values);
  if (r.ok) throw new Error('expected errors');
  return r.error;
}

function fieldsOf(values: BillFormValues) {
  const r = readBillForm(values);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('firstDueDate', () => {
  it.each([
    ['monthly', undefined, '2026-01-15', 31, '2026-01-31'],
    ['monthly', undefined, '2026-02-10', 31, '2026-02-28'],
    ['monthly', undefined, '2024-02-10', 31, '2024-02-29'],
    ['monthly', undefined, '2026-01-20', 5, '2026-02-05'],
    ['monthly', undefined, '2026-12-20', 5, '2027-01-05'],
    ['quarterly', undefined, '2026-03-20', 5, '2026-06-05'],
    ['annual', undefined, '2026-03-20', 5, '2027-03-05'],
    ['every-n-months', 2, '2026-03-20', 5, '2026-05-05'],
    ['monthly', undefined, '2026-01-15', undefined, '2026-01-15'],
    ['weekly', undefined, '2026-01-15', 3, '2026-01-15'],
    ['biweekly', undefined, '2026-01-15', undefined, '2026-01-15'],
  ] as const)('%s from %s on day %s', (cycle, every, first, day, expected) => {
    expect(firstDueDate(cycle, every, first, day)).toBe(expected);
  });
});

describe('readBillForm', () => {
  it('reads a monthly bill into a record the schema accepts', () => {
    const out = fieldsOf(form({ dueDay: '31', firstDue: '2026-02-03' }));
    expect(out.fields).toMatchObject({
      name: 'Rent',
      amount: 120050,
      currency: 'USD',
      cycle: 'monthly',
      dueDay: 31,
      anchorDate: '2026-02-28',
      active: true,
      autopay: 'off',
      everyMonths: undefined,
      notes: undefined,
    });
    const parsed = v.safeParse(collections.bills.schema, {
      ...definedFields(out.fields),
      id: '01JD0000000000000000000000',
    });
    expect(parsed.success).toBe(true);
  });

  it('keeps every empty optional field as undefined so an update clears it', () => {
    const out = fieldsOf(form());
    for (const key of ['website', 'debtBalance', 'aprBasisPoints', 'cancelledOn', 'startDate'])
      expect(Object.hasOwn(out.fields, key) && out.fields[key as 'website'] === undefined).toBe(
        true,
      );
  });

  it('reads debt fields: balance, APR as basis points, minimum, order', () => {
    const out = fieldsOf(
      form({
        debtBalance: '2500',
        apr: '19.99',
        minimumPayment: '75.5',
        payoffIncluded: true,
        payoffOrder: '2',
      }),
    );
    expect(out.fields).toMatchObject({
      debtBalance: 250000,
      aprBasisPoints: 1999,
      minimumPayment: 7550,
      payoffIncluded: true,
      payoffOrder: 2,
    });
  });

  it('reads amounts in the currency minor units (JPY has none)', () => {
    expect(fieldsOf(form({ currency: 'JPY', amount: '1200' })).fields.amount).toBe(1200);
    expect(errorsOf(form({ currency: 'JPY', amount: '12.50' })).amount).toMatch(/JPY/);
  });

  it('asks for a new category name, and returns it to be created', () => {
    expect(errorsOf(form({ categoryId: NEW_CATEGORY })).newCategory).toMatch(/Name/);
    const out = fieldsOf(form({ categoryId: NEW_CATEGORY, newCategory: ' Home ' }));
    expect(out.newCategory).toBe('Home');
    expect(out.fields.categoryId).toBeUndefined();
  });

  it('reads every N months only for that cycle', () => {
    expect(fieldsOf(form({ cycle: 'every-n-months', everyMonths: '6' })).fields.everyMonths).toBe(
      6,
    );
    expect(fieldsOf(form({ cycle: 'monthly', everyMonths: '6' })).fields.everyMonths).toBe(
      undefined,
    );
    expect(errorsOf(form({ cycle: 'every-n-months', everyMonths: '0' })).everyMonths).toBeTruthy();
  });

  it('drops the due day for weekly cycles', () => {
    expect(fieldsOf(form({ cycle: 'weekly', dueDay: '40' })).fields.dueDay).toBeUndefined();
  });

  it.each<[Partial<BillFormValues>, keyof BillFormValues, RegExp]>([
    [{ name: '  ' }, 'name', /name/],
    [{ amount: '' }, 'amount', /amount/],
    [{ amount: 'abc' }, 'amount', /not an amount/i],
    [{ amount: '-5' }, 'amount', /negative/],
    [{ currency: 'usd1' }, 'currency', /currency/],
    [{ firstDue: '' }, 'firstDue', /first date/],
    [{ dueDay: '32' }, 'dueDay', /1 to 31/],
    [{ dueDay: '2.5' }, 'dueDay', /1 to 31/],
    [{ endDate: '2026-02-01' }, 'endDate', /before the first due date/],
    [{ startDate: '2026-05-01', endDate: '2026-04-01' }, 'endDate', /before the start date/],
    [{ apr: 'lots' }, 'apr', /percentage/],
    [{ payoffIncluded: true }, 'debtBalance', /owed/],
    [{ cancelReason: 'too dear' }, 'cancelledOn', /cancelled/],
    [{ accountHint: 'x'.repeat(41) }, 'accountHint', /40 characters/],
    [{ payoffOrder: 'first' }, 'payoffOrder', /whole number/],
  ])('reports %j on %s', (fields, field, message) => {
    expect(errorsOf(form(fields))[field]).toMatch(message);
  });

  it('drops the autopay confirmation date when autopay is off', () => {
    const out = fieldsOf(form({ autopay: 'off', autopayVerifiedOn: '2026-01-01' }));
    expect(out.fields.autopayVerifiedOn).toBeUndefined();
    const on = fieldsOf(form({ autopay: 'confirmed', autopayVerifiedOn: '2026-01-01' }));
    expect(on.fields.autopayVerifiedOn).toBe('2026-01-01');
  });
});

describe('billForm', () => {
  it('round-trips a full record through the form', () => {
    const b = bill({
      name: 'Card',
      amount: 5000,
      currency: 'EUR',
      cycle: 'every-n-months',
      everyMonths: 3,
      dueDay: 31,
      anchorDate: '2026-01-31',
      autopay: 'confirmed',
      autopayVerifiedOn: '2026-02-01',
      notes: 'n',
      website: 'bank.example',
      username: 'me',
      accountHint: '1234',
      debtBalance: 123456,
      aprBasisPoints: 2199,
      minimumPayment: 2500,
      payoffIncluded: true,
      payoffOrder: 1,
      subscription: true,
      cancelledOn: '2026-06-30',
      cancelReason: 'moved',
    });
    const out = fieldsOf(billForm(b));
    const { id: _id, ...rest } = b;
    expect(definedFields(out.fields)).toEqual(rest);
  });
});
