// Planning inputs of the Summary page: a month's income entries and its starting amount per
// currency, typed as decimals.
import type { NewRecord } from '@tally/model/collection';
import * as dates from '@tally/model/dates';
import type { MonthKey } from '@tally/model/dates';
import * as money from '@tally/model/money';
import { err, ok, type Result } from '@tally/model/result';
import type { Complete } from './form.ts';
import type { Income } from './types.ts';

export interface IncomeFormValues {
  label: string;
  amount: string;
  currency: string;
  expectedOn: string;
  received: boolean;
}

export type IncomeErrors = Partial<Record<keyof IncomeFormValues, string>>;
export type IncomeFields = Complete<NewRecord<'incomes'>>;

export function newIncomeForm(currency: string): IncomeFormValues {
  return { label: '', amount: '', currency, expectedOn: '', received: false };
}

export function incomeForm(income: Income): IncomeFormValues {
  return {
    label: income.label,
    amount: money.toDecimalString(income.amount, income.currency),
    currency: income.currency,
    expectedOn: income.expectedOn ?? '',
    received: income.received,
  };
}

/** An income of `month`; its expected date, when given, must fall in that month. */
export function readIncomeForm(
  values: IncomeFormValues,
  month: MonthKey,
): Result<IncomeFields, IncomeErrors> {
  const errors: IncomeErrors = {};
  const label = values.label.trim();
  if (label === '') errors.label = 'Say what it is, e.g. Salary.';
  else if (label.length > 200) errors.label = 'Keep it under 200 characters.';
  const currency = values.currency;
  if (!money.isCurrency(currency)) errors.currency = 'Choose a currency.';
  const amount = readAmount(values.amount, currency);
  if (!amount.ok) errors.amount = amount.error;
  const expectedOn = values.expectedOn.trim();
  if (expectedOn !== '' && !dates.isCalendarDate(expectedOn))
    errors.expectedOn = 'That is not a date.';
  else if (expectedOn !== '' && dates.monthOf(expectedOn) !== month)
    errors.expectedOn = 'Pick a day in this month, or leave it empty.';
  if (Object.keys(errors).length > 0 || !amount.ok) return err(errors);
  return ok({
    month,
    label,
    amount: amount.value,
    currency,
    expectedOn: expectedOn === '' ? undefined : expectedOn,
    received: values.received,
  });
}

/** A decimal amount in `currency`, required. */
export function readAmount(text: string, currency: string): Result<number, string> {
  if (text.trim() === '') return err('Enter an amount.');
  const parsed = money.parseDecimal(text, currency);
  return parsed.ok ? parsed : err(`${parsed.error}.`);
}
