// The bill editor's form: every field as the text a person types, read back into a bill record
// with one message per field that is wrong. Amounts are decimals in the bill's currency, the APR a
// percentage; the first due date becomes the bill's anchor, moved to the first day the cycle
// really falls on (see bills.occurrences).
import type { NewRecord } from '@tally/model/collection';
import { err, ok, type Result } from '@tally/model/result';
import * as dates from '@tally/model/dates';
import type { CalendarDate } from '@tally/model/dates';
import * as money from '@tally/model/money';
import * as occurrences from '@tally/model/bills/occurrences';
import { autopayStates, cycles } from '@tally/model/records/bills';
import { formatPercent, parsePercent } from './percent.ts';
import type { Bill } from './types.ts';

export type Cycle = (typeof cycles)[number];
export type AutopayState = (typeof autopayStates)[number];

/** The category select's value for "a new category", whose name is then typed. */
export const NEW_CATEGORY = '__new__';

export interface BillFormValues {
  name: string;
  /** '' for none, NEW_CATEGORY for a new one named `newCategory`, else a category id. */
  categoryId: string;
  newCategory: string;
  amount: string;
  currency: string;
  cycle: Cycle;
  everyMonths: string;
  /** The first due date (the anchor). */
  firstDue: string;
  /** Month-based cycles: the day of the month, '' for the first due date's day. */
  dueDay: string;
  startDate: string;
  endDate: string;
  active: boolean;
  autopay: AutopayState;
  /** Set by "Confirm autopay", shown, not typed. */
  autopayVerifiedOn: string;
  notes: string;
  website: string;
  username: string;
  accountHint: string;
  debtBalance: string;
  /** Percent, e.g. "19.99". */
  apr: string;
  minimumPayment: string;
  payoffIncluded: boolean;
  payoffOrder: string;
  subscription: boolean;
  cancelledOn: string;
  cancelReason: string;
}

export type BillField = keyof BillFormValues;
export type FieldErrors = Partial<Record<BillField, string>>;

/** Every key of T present; the optional ones may hold undefined (an update clears them). */
export type Complete<T> = { [K in keyof Required<T>]: T[K] };

/** Every field of a bill, the optional ones undefined when empty: a full patch that clears. */
export type BillFields = Complete<NewRecord<'bills'>>;

export interface BillFormOutput {
  fields: BillFields;
  /** A category to create first and link the bill to. */
  newCategory?: string;
}

export function emptyBillForm(currency: string): BillFormValues {
  return {
    name: '',
    categoryId: '',
    newCategory: '',
    amount: '',
    currency,
    cycle: 'monthly',
    everyMonths: '2',
    firstDue: '',
    dueDay: '',
    startDate: '',
    endDate: '',
    active: true,
    autopay: 'off',
    autopayVerifiedOn: '',
    notes: '',
    website: '',
    username: '',
    accountHint: '',
    debtBalance: '',
    apr: '',
    minimumPayment: '',
    payoffIncluded: false,
    payoffOrder: '',
    subscription: false,
    cancelledOn: '',
    cancelReason: '',
  };
}

export function billForm(bill: Bill): BillFormValues {
  const amount = (minor: number | undefined): string =>
    minor === undefined ? '' : money.toDecimalString(minor, bill.currency);
  return {
    name: bill.name,
    categoryId: bill.categoryId ?? '',
    newCategory: '',
    amount: amount(bill.amount),
    currency: bill.currency,
    cycle: bill.cycle,
    everyMonths: String(bill.everyMonths ?? 2),
    firstDue: bill.anchorDate,
    dueDay: bill.dueDay === undefined ? '' : String(bill.dueDay),
    startDate: bill.startDate ?? '',
    endDate: bill.endDate ?? '',
    active: bill.active,
    autopay: bill.autopay,
    autopayVerifiedOn: bill.autopayVerifiedOn ?? '',
    notes: bill.notes ?? '',
    website: bill.website ?? '',
    username: bill.username ?? '',
    accountHint: bill.accountHint ?? '',
    debtBalance: amount(bill.debtBalance),
    apr: bill.aprBasisPoints === undefined ? '' : formatPercent(bill.aprBasisPoints),
    minimumPayment: amount(bill.minimumPayment),
    payoffIncluded: bill.payoffIncluded,
    payoffOrder: bill.payoffOrder === undefined ? '' : String(bill.payoffOrder),
    subscription: bill.subscription,
    cancelledOn: bill.cancelledOn ?? '',
    cancelReason: bill.cancelReason ?? '',
  };
}

/** Whether a cycle counts in months (and so has a due day). */
export function isMonthBased(cycle: Cycle): boolean {
  return cycle !== 'weekly' && cycle !== 'biweekly';
}

/**
 * The first date the cycle really falls on, on or after `firstDue`: for month-based cycles the
 * due day (clamped to the month's end) in the first due date's month, or one cycle later when that
 * day has passed; for weekly cycles the date itself.
 */
export function firstDueDate(
  cycle: Cycle,
  everyMonths: number | undefined,
  firstDue: CalendarDate,
  dueDay: number | undefined,
): CalendarDate {
  const step = occurrences.monthStep({ cycle, everyMonths });
  if (step === undefined || dueDay === undefined) return firstDue;
  const month = dates.monthOf(firstDue);
  const date = dates.dayOfMonth(month, dueDay);
  return date >= firstDue ? date : dates.dayOfMonth(dates.addMonthsToMonth(month, step), dueDay);
}

const LIMITS = { name: 200, website: 500, username: 200, accountHint: 40, cancelReason: 500 };

/** Reads the form; on failure, a message for each field that needs fixing. */
export function readBillForm(values: BillFormValues): Result<BillFormOutput, FieldErrors> {
  const errors: FieldErrors = {};
  const text = (field: BillField, limit?: number): string | undefined => {
    const value = String(values[field]).trim();
    if (limit !== undefined && value.length > limit)
      errors[field] = `Keep this under ${limit} characters (it has ${value.length}).`;
    return value === '' ? undefined : value;
  };
  const date = (field: BillField, label: string): string | undefined => {
    const value = String(values[field]).trim();
    if (value === '') return undefined;
    if (!dates.isCalendarDate(value)) errors[field] = `${label} is not a date.`;
    return value;
  };
  const currency = values.currency.trim().toUpperCase();
  const currencyOk = money.isCurrency(currency);
  if (!currencyOk) errors.currency = 'Choose a currency (a three-letter code such as USD).';
  const amountIn = (
    field: BillField,
    options: { required?: string; negative?: boolean } = {},
  ): number | undefined => {
    const value = String(values[field]).trim();
    if (value === '') {
      if (options.required) errors[field] = options.required;
      return undefined;
    }
    if (!currencyOk) return undefined;
    const parsed = money.parseDecimal(value, currency);
    if (!parsed.ok) {
      errors[field] = `${sentence(parsed.error)}.`;
      return undefined;
    }
    if (parsed.value < 0 && !options.negative) {
      errors[field] = 'This cannot be negative.';
      return undefined;
    }
    return parsed.value;
  };
  const integer = (field: BillField, min: number, max: number, message: string) => {
    const value = String(values[field]).trim();
    if (value === '') return undefined;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      errors[field] = message;
      return undefined;
    }
    return n;
  };

  const name = text('name', LIMITS.name);
  if (name === undefined) errors.name = 'Give the bill a name.';

  let categoryId: string | undefined = values.categoryId || undefined;
  let newCategory: string | undefined;
  if (values.categoryId === NEW_CATEGORY) {
    categoryId = undefined;
    newCategory = text('newCategory', LIMITS.name);
    if (newCategory === undefined) errors.newCategory = 'Name the new category, or pick another.';
  }

  const amount = amountIn('amount', {
    required: 'Enter the amount you expect to pay (0 if it varies).',
  });

  const cycle = values.cycle;
  if (!(cycles as readonly string[]).includes(cycle)) errors.cycle = 'Choose how often it is due.';
  const everyMonths =
    cycle === 'every-n-months'
      ? integer('everyMonths', 1, 120, 'Enter a number of months from 1 to 120.')
      : undefined;
  if (cycle === 'every-n-months' && everyMonths === undefined)
    errors.everyMonths ??= 'Enter a number of months from 1 to 120.';
  const dueDay = isMonthBased(cycle)
    ? integer('dueDay', 1, 31, 'Enter a day from 1 to 31 (31 means the last day of the month).')
    : undefined;

  const firstDue = date('firstDue', 'The first due date');
  if (values.firstDue.trim() === '') errors.firstDue = 'Enter the first date it is due.';
  const startDate = date('startDate', 'The start date');
  const endDate = date('endDate', 'The end date');
  const cancelledOn = date('cancelledOn', 'The cancellation date');
  const anchorDate =
    firstDue && !errors.firstDue && !errors.dueDay && !errors.everyMonths
      ? firstDueDate(cycle, everyMonths, firstDue, dueDay)
      : undefined;
  if (endDate && startDate && !errors.endDate && endDate < startDate)
    errors.endDate = 'The end date is before the start date.';
  else if (endDate && anchorDate && !errors.endDate && endDate < anchorDate)
    errors.endDate = 'The end date is before the first due date.';

  const autopay = values.autopay;
  if (!(autopayStates as readonly string[]).includes(autopay)) errors.autopay = 'Choose one.';
  const autopayVerifiedOn =
    autopay === 'off' ? undefined : date('autopayVerifiedOn', 'The confirmation date');

  const notes = text('notes', 10_000);
  const website = text('website', LIMITS.website);
  const username = text('username', LIMITS.username);
  const accountHint = text('accountHint', LIMITS.accountHint);

  const debtBalance = amountIn('debtBalance', { negative: true });
  let aprBasisPoints: number | undefined;
  if (values.apr.trim() !== '') {
    const apr = parsePercent(values.apr);
    if (apr.ok) aprBasisPoints = apr.value;
    else errors.apr = apr.error;
  }
  const minimumPayment = amountIn('minimumPayment');
  const payoffOrder = integer(
    'payoffOrder',
    -1000,
    1000,
    'Enter a whole number, e.g. 1 for first.',
  );
  if (
    values.payoffIncluded &&
    (debtBalance === undefined || debtBalance <= 0) &&
    !errors.debtBalance
  )
    errors.debtBalance = 'Enter what is still owed to include it in the payoff plan.';

  const cancelReason = text('cancelReason', LIMITS.cancelReason);
  if (cancelReason && !cancelledOn && !errors.cancelledOn)
    errors.cancelledOn = 'Enter the date it was cancelled (or clear the reason).';

  if (Object.keys(errors).length > 0 || !name || amount === undefined || !anchorDate)
    return err(errors);
  const fields: BillFields = {
    name,
    categoryId,
    amount,
    currency,
    cycle,
    everyMonths,
    dueDay,
    anchorDate,
    startDate,
    endDate,
    active: values.active,
    autopay,
    autopayVerifiedOn,
    notes,
    website,
    accountHint,
    username,
    debtBalance,
    aprBasisPoints,
    minimumPayment,
    payoffIncluded: values.payoffIncluded,
    payoffOrder,
    subscription: values.subscription,
    cancelledOn,
    cancelReason,
  };
  return ok(newCategory === undefined ? { fields } : { fields, newCategory });
}

/** The fields without the empty ones: what a new record is created from. */
export function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
