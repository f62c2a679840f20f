// The registry of record collections: each one's schema, the document it lives in, and the
// module it belongs to. Adding a collection here is what makes the store project it, the backup
// export it and the privacy page list it.
import type * as v from 'valibot';
import type { Placement } from './documents.ts';
import * as activities from './records/activities.ts';
import * as bills from './records/bills.ts';
import * as settingsRecords from './records/settings.ts';
import * as time from './records/time.ts';

export type Module = 'bills' | 'time' | 'activities';

export type RecordSchema = v.GenericSchema<unknown, { id: string }>;

export interface CollectionDef<S extends RecordSchema = RecordSchema> {
  readonly name: string;
  readonly schema: S;
  readonly placement: Placement;
  readonly module: Module;
  /** Plural, for people: the privacy page and exports use it. */
  readonly label: string;
}

const small = (doc: 'bills' | 'time' | 'activities'): Placement => ({ kind: 'small', doc });
const yearly = (
  prefix: 'payments' | 'transactions' | 'time-entries' | 'activities',
): Placement => ({
  kind: 'yearly',
  prefix,
});

function def<const N extends string, S extends RecordSchema>(
  name: N,
  schema: S,
  placement: Placement,
  module: Module,
  label: string,
): CollectionDef<S> & { name: N } {
  return { name, schema, placement, module, label };
}

export const collections = {
  categories: def('categories', bills.category, small('bills'), 'bills', 'Bill categories'),
  bills: def('bills', bills.bill, small('bills'), 'bills', 'Bills'),
  monthlyOverrides: def(
    'monthlyOverrides',
    bills.monthlyOverride,
    small('bills'),
    'bills',
    'Monthly bill changes',
  ),
  payments: def('payments', bills.payment, yearly('payments'), 'bills', 'Payments'),
  incomes: def('incomes', bills.income, small('bills'), 'bills', 'Monthly income'),
  startingAmounts: def(
    'startingAmounts',
    bills.startingAmount,
    small('bills'),
    'bills',
    'Starting amounts',
  ),
  accounts: def('accounts', bills.account, small('bills'), 'bills', 'Bank accounts'),
  transactions: def(
    'transactions',
    bills.transaction,
    yearly('transactions'),
    'bills',
    'Bank transactions',
  ),
  payeeRules: def('payeeRules', bills.payeeRule, small('bills'), 'bills', 'Payee rules'),
  billMatchDismissals: def(
    'billMatchDismissals',
    bills.matchDismissal,
    small('bills'),
    'bills',
    'Dismissed payment matches',
  ),
  clients: def('clients', time.client, small('time'), 'time', 'Clients'),
  projects: def('projects', time.project, small('time'), 'time', 'Projects'),
  tasks: def('tasks', time.task, small('time'), 'time', 'Tasks'),
  timeEntries: def('timeEntries', time.timeEntry, yearly('time-entries'), 'time', 'Time entries'),
  invoices: def('invoices', time.invoice, small('time'), 'time', 'Invoices'),
  invoiceLines: def('invoiceLines', time.invoiceLine, small('time'), 'time', 'Invoice lines'),
  activities: def(
    'activities',
    activities.activity,
    yearly('activities'),
    'activities',
    'Activities',
  ),
  gear: def('gear', activities.gear, small('activities'), 'activities', 'Gear'),
  sourceFiles: def(
    'sourceFiles',
    activities.sourceFile,
    small('activities'),
    'activities',
    'Kept source files',
  ),
  activityMatchDismissals: def(
    'activityMatchDismissals',
    activities.matchDismissal,
    small('activities'),
    'activities',
    'Dismissed activity matches',
  ),
} as const;

export type Collections = typeof collections;
export type CollectionName = keyof Collections;
export type RecordOf<N extends CollectionName> = v.InferOutput<Collections[N]['schema']>;
export type InputOf<N extends CollectionName> = v.InferInput<Collections[N]['schema']>;

export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collections, name);
}

/** Settings live in their own document as one flat map of fields (see settings.ts). */
export const settingsSchema = settingsRecords.settings;
export type Settings = v.InferOutput<typeof settingsSchema>;
export const SETTINGS_MAP = 'settings';
