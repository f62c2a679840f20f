// Every collection as a table: its columns, in an order a person reads, with the names of what
// ids point at (a payment's bill, an entry's project) beside the ids. CSV files and spreadsheet
// sheets are both rendered from these tables (csv.ts, sheets.ts).
//
// Records are read as plain objects, not through their types: a field a newer version added, or
// one no column names yet, still comes out — in an extra column after the known ones.
import { collections, type CollectionName } from '../collections.ts';
import * as durations from '../time/durations.ts';
import { clockFor } from './clock.ts';
import * as v from './values.ts';
import type { Value } from './values.ts';

export type Row = Record<string, unknown>;

export interface ExportContext {
  /** The user's IANA zone: instants are written in it. */
  zone: string;
  /** The user's currency, for money whose record names none. */
  currency: string;
  /** For entries still running: their duration so far is left empty, not guessed. */
  now: number;
  /** A record of another collection by id, for the name columns. */
  find(collection: CollectionName, id: string): Row | undefined;
}

export interface Column {
  header: string;
  /** The record fields this column shows, so that the rest go to extra columns. */
  fields: readonly string[];
  value(row: Row, ctx: ExportContext): Value;
}

export interface TableDef {
  /** Collections the name columns look up. */
  uses: readonly CollectionName[];
  columns: readonly Column[];
  /** Row order; by id (creation order) when absent. */
  compare?: (a: Row, b: Row) => number;
}

export interface Table {
  /** The collection name, or 'settings'. */
  name: string;
  label: string;
  headers: string[];
  rows: Value[][];
}

// ---- Reading fields of unknown rows ----

const str = (r: Row, f: string): string | undefined =>
  typeof r[f] === 'string' ? r[f] : undefined;
const num = (r: Row, f: string): number | undefined =>
  typeof r[f] === 'number' ? r[f] : undefined;
const bool = (r: Row, f: string): boolean | undefined =>
  typeof r[f] === 'boolean' ? r[f] : undefined;
const list = (r: Row, f: string): unknown[] => (Array.isArray(r[f]) ? (r[f] as unknown[]) : []);

// ---- Column builders ----

const col = (header: string, fields: readonly string[], value: Column['value']): Column => ({
  header,
  fields,
  value,
});
const id = col('Id', ['id'], (r) => v.text(str(r, 'id')));
const text = (f: string, header: string): Column => col(header, [f], (r) => v.text(str(r, f)));
const number = (f: string, header: string): Column => col(header, [f], (r) => v.number(num(r, f)));
const yesNo = (f: string, header: string): Column => col(header, [f], (r) => v.boolean(bool(r, f)));
const date = (f: string, header: string): Column => col(header, [f], (r) => v.date(str(r, f)));
const month = (f: string, header: string): Column => col(header, [f], (r) => v.month(str(r, f)));
const instant = (f: string, header: string): Column =>
  col(header, [f], (r) => v.instant(num(r, f)));
const seconds = (f: string, header: string): Column =>
  col(header, [f], (r) => v.duration(num(r, f)));
/** Basis points as a percentage with two decimals. */
const percent = (f: string, header: string): Column =>
  col(header, [f], (r) => v.decimal(num(r, f), 2));
const joined = (f: string, header: string, separator = ', '): Column =>
  col(header, [f], (r) => {
    const items = list(r, f);
    return items.length === 0 ? undefined : v.text(items.map(String).join(separator));
  });

type CurrencyOf = (r: Row, ctx: ExportContext) => string;
const ownCurrency: CurrencyOf = (r, ctx) => str(r, 'currency') ?? ctx.currency;
const money = (f: string, header: string, currencyOf: CurrencyOf = ownCurrency): Column =>
  col(header, [f], (r, ctx) => v.moneyValue(num(r, f), currencyOf(r, ctx)));
const currency = (currencyOf: CurrencyOf = ownCurrency): Column =>
  col('Currency', ['currency'], (r, ctx) => v.text(currencyOf(r, ctx)));

/** The id column and, before it, the name of the record it points at. */
function ref(
  f: string,
  collection: CollectionName,
  header: string,
  nameField = 'name',
): [Column, Column] {
  return [
    col(header, [], (r, ctx) => {
      const target = str(r, f);
      const found = target === undefined ? undefined : ctx.find(collection, target);
      return v.text(found ? str(found, nameField) : undefined);
    }),
    text(f, `${header} id`),
  ];
}

const byField =
  (...fields: string[]) =>
  (a: Row, b: Row): number => {
    for (const f of [...fields, 'id']) {
      const x = a[f] as string | number | undefined;
      const y = b[f] as string | number | undefined;
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };

// ---- Currencies of records that do not name their own ----

const billCurrency: CurrencyOf = (r, ctx) => {
  const billId = str(r, 'billId');
  const bill = billId === undefined ? undefined : ctx.find('bills', billId);
  return (bill && str(bill, 'currency')) ?? ctx.currency;
};
const clientCurrency = (clientId: string | undefined, ctx: ExportContext): string | undefined => {
  const client = clientId === undefined ? undefined : ctx.find('clients', clientId);
  return client && str(client, 'currency');
};
const projectCurrency: CurrencyOf = (r, ctx) =>
  str(r, 'currency') ?? clientCurrency(str(r, 'clientId'), ctx) ?? ctx.currency;
const invoiceCurrency: CurrencyOf = (r, ctx) => {
  const invoiceId = str(r, 'invoiceId');
  const invoice = invoiceId === undefined ? undefined : ctx.find('invoices', invoiceId);
  return (invoice && str(invoice, 'currency')) ?? ctx.currency;
};

// ---- Time entries: wall-clock columns a time tracker's importer reads, plus ISO instants ----

const localParts = (at: number | undefined, ctx: ExportContext) =>
  at === undefined ? undefined : clockFor(ctx.zone).read(at);

function timed(r: Row): { start: number; end?: number; pauses: { start: number; end?: number }[] } {
  const pauses = list(r, 'pauses').filter(
    (p): p is { start: number; end?: number } =>
      typeof p === 'object' && p !== null && typeof (p as { start?: unknown }).start === 'number',
  );
  const end = num(r, 'end');
  return { start: num(r, 'start') ?? 0, pauses, ...(end !== undefined && { end }) };
}

const entryProject = (r: Row, ctx: ExportContext): Row | undefined => {
  const projectId = str(r, 'projectId');
  return projectId === undefined ? undefined : ctx.find('projects', projectId);
};

const timeEntryColumns: Column[] = [
  id,
  col('Start date', [], (r, ctx) => v.date(localParts(num(r, 'start'), ctx)?.date)),
  col('Start time', [], (r, ctx) => {
    const p = localParts(num(r, 'start'), ctx);
    return p && { kind: 'time', ms: Math.floor(p.msOfDay / 1000) * 1000 };
  }),
  col('End date', [], (r, ctx) => v.date(localParts(num(r, 'end'), ctx)?.date)),
  col('End time', [], (r, ctx) => {
    const p = localParts(num(r, 'end'), ctx);
    return p && { kind: 'time', ms: Math.floor(p.msOfDay / 1000) * 1000 };
  }),
  col('Duration', [], (r, ctx) =>
    num(r, 'end') === undefined
      ? undefined
      : v.duration(durations.workedSeconds(timed(r), ctx.now)),
  ),
  instant('start', 'Start'),
  instant('end', 'End'),
  col('Paused', [], (r, ctx) =>
    num(r, 'end') === undefined
      ? undefined
      : v.duration(durations.pausedSeconds(timed(r), ctx.now)),
  ),
  col('Pauses', ['pauses'], (r, ctx) => {
    const pauses = timed(r).pauses;
    if (pauses.length === 0) return undefined;
    // ISO 8601 intervals, "start/end"; an open pause has an empty end.
    const iso = (at: number | undefined): string =>
      at === undefined ? '' : v.toText(v.instant(at), ctx.zone);
    return v.text(pauses.map((p) => `${iso(p.start)}/${iso(p.end)}`).join('; '));
  }),
  col('Client', [], (r, ctx) => {
    const clientId = str(entryProject(r, ctx) ?? {}, 'clientId');
    const client = clientId === undefined ? undefined : ctx.find('clients', clientId);
    return v.text(client && str(client, 'name'));
  }),
  ...ref('projectId', 'projects', 'Project'),
  ...ref('taskId', 'tasks', 'Task'),
  text('description', 'Description'),
  joined('tags', 'Tags'),
  yesNo('billable', 'Billable'),
  money('rate', 'Rate (per hour)'),
  col('Currency', ['currency'], (r, ctx) =>
    v.text(str(r, 'currency') ?? (num(r, 'rate') === undefined ? undefined : ctx.currency)),
  ),
  text('source', 'Source'),
  text('importKey', 'Import key'),
  ...ref('invoiceId', 'invoices', 'Invoice', 'number'),
  text('supersededBy', 'Superseded by'),
  instant('workingConfirmedAt', 'Still working confirmed at'),
];

// ---- Activities ----

const sources = (r: Row): Row[] =>
  list(r, 'sources').filter((s): s is Row => typeof s === 'object' && s !== null);

const activityColumns: Column[] = [
  id,
  text('name', 'Name'),
  text('sport', 'Sport'),
  text('subSport', 'Sub-sport'),
  instant('start', 'Start'),
  col('Date', [], (r, ctx) => {
    const start = num(r, 'start');
    const zone = str(r, 'timeZone') ?? ctx.zone;
    return start === undefined ? undefined : v.date(clockFor(zone).read(start).date);
  }),
  text('timeZone', 'Time zone'),
  seconds('elapsedSeconds', 'Elapsed time'),
  seconds('movingSeconds', 'Moving time'),
  number('distanceMeters', 'Distance (m)'),
  number('elevationGainMeters', 'Elevation gain (m)'),
  number('maxElevationMeters', 'Highest elevation (m)'),
  number('avgHeartRate', 'Average heart rate (bpm)'),
  number('maxHeartRate', 'Maximum heart rate (bpm)'),
  number('avgPowerWatts', 'Average power (W)'),
  number('avgCadence', 'Average cadence'),
  number('calories', 'Calories'),
  number('avgTemperatureC', 'Average temperature (°C)'),
  number('maxSpeedMetersPerSecond', 'Top speed (m/s)'),
  number('laps', 'Laps'),
  text('device', 'Device'),
  yesNo('startIsEstimate', 'Start time is estimated'),
  ...ref('gearId', 'gear', 'Gear'),
  text('notes', 'Notes'),
  col('Sources', ['sources'], (r) => {
    const s = sources(r);
    return s.length === 0
      ? undefined
      : v.text(
          s
            .map((x) =>
              [str(x, 'kind'), str(x, 'fileName') ?? str(x, 'providerId')]
                .filter(Boolean)
                .join(': '),
            )
            .join('; '),
        );
  }),
  col('Source file hashes (SHA-256)', [], (r) => {
    const hashes = sources(r).flatMap((x) => str(x, 'contentHash') ?? []);
    return hashes.length === 0 ? undefined : v.text(hashes.join('; '));
  }),
];

// ---- Every collection ----

export const tableDefs: { readonly [N in CollectionName]: TableDef } = {
  categories: {
    uses: [],
    columns: [
      id,
      text('name', 'Name'),
      text('color', 'Colour'),
      yesNo('spending', 'Counts as spending'),
      yesNo('archived', 'Archived'),
    ],
  },
  bills: {
    uses: ['categories'],
    columns: [
      id,
      text('name', 'Name'),
      ...ref('categoryId', 'categories', 'Category'),
      money('amount', 'Amount'),
      currency(),
      text('cycle', 'Repeats'),
      number('everyMonths', 'Every n months'),
      number('dueDay', 'Due day'),
      date('anchorDate', 'First due date'),
      date('startDate', 'Start date'),
      date('endDate', 'End date'),
      yesNo('active', 'Active'),
      text('autopay', 'Autopay'),
      date('autopayVerifiedOn', 'Autopay verified on'),
      text('notes', 'Notes'),
      text('website', 'Website'),
      text('accountHint', 'Account hint'),
      text('username', 'Username'),
      money('debtBalance', 'Debt balance'),
      percent('aprBasisPoints', 'APR (%)'),
      money('minimumPayment', 'Minimum payment'),
      yesNo('payoffIncluded', 'In payoff plan'),
      number('payoffOrder', 'Payoff order'),
      yesNo('subscription', 'Subscription'),
      date('cancelledOn', 'Cancelled on'),
      text('cancelReason', 'Cancel reason'),
    ],
  },
  monthlyOverrides: {
    uses: ['bills'],
    compare: byField('month'),
    columns: [
      id,
      month('month', 'Month'),
      ...ref('billId', 'bills', 'Bill'),
      money('amount', 'Amount', billCurrency),
      col('Currency', [], (r, ctx) => v.text(billCurrency(r, ctx))),
      yesNo('skip', 'Skipped'),
      date('snoozeUntil', 'Snoozed until'),
      text('note', 'Note'),
    ],
  },
  payments: {
    uses: ['bills', 'accounts'],
    compare: byField('date'),
    columns: [
      id,
      date('date', 'Date'),
      ...ref('billId', 'bills', 'Bill'),
      date('occurrence', 'For the due date'),
      money('amount', 'Amount'),
      currency(),
      text('method', 'Method'),
      yesNo('autopayFailed', 'Autopay failed'),
      money('interest', 'Interest'),
      ...ref('accountId', 'accounts', 'Account'),
      text('transactionId', 'Transaction id'),
      text('note', 'Note'),
    ],
  },
  incomes: {
    uses: [],
    compare: byField('month'),
    columns: [
      id,
      month('month', 'Month'),
      text('label', 'Label'),
      money('amount', 'Amount'),
      currency(),
      date('expectedOn', 'Expected on'),
      yesNo('received', 'Received'),
    ],
  },
  startingAmounts: {
    uses: [],
    compare: byField('month'),
    columns: [id, month('month', 'Month'), money('amount', 'Amount'), currency()],
  },
  accounts: {
    uses: [],
    columns: [
      id,
      text('name', 'Name'),
      text('kind', 'Kind'),
      currency(),
      text('institution', 'Institution'),
      text('numberHint', 'Number ends in'),
      yesNo('archived', 'Archived'),
      text('importKey', 'Import key'),
    ],
  },
  transactions: {
    uses: ['accounts', 'categories', 'bills'],
    compare: byField('date'),
    columns: [
      id,
      date('date', 'Date'),
      ...ref('accountId', 'accounts', 'Account'),
      money('amount', 'Amount'),
      currency(),
      text('payee', 'Payee'),
      text('memo', 'Memo'),
      text('providerId', 'Bank id'),
      text('fingerprint', 'Fingerprint'),
      ...ref('categoryId', 'categories', 'Category'),
      ...ref('billId', 'bills', 'Bill'),
      text('paymentId', 'Payment id'),
    ],
  },
  payeeRules: {
    uses: ['bills', 'accounts'],
    columns: [
      id,
      text('match', 'Match'),
      text('text', 'Text'),
      ...ref('billId', 'bills', 'Bill'),
      ...ref('accountId', 'accounts', 'Account'),
    ],
  },
  billMatchDismissals: {
    uses: ['bills'],
    columns: [
      id,
      text('transactionId', 'Transaction id'),
      ...ref('billId', 'bills', 'Bill'),
      date('dismissedOn', 'Dismissed on'),
    ],
  },
  clients: {
    uses: [],
    columns: [
      id,
      text('name', 'Name'),
      text('contact', 'Contact'),
      text('email', 'Email'),
      text('taxId', 'Tax number'),
      money('rate', 'Rate (per hour)'),
      currency(),
      yesNo('archived', 'Archived'),
    ],
  },
  projects: {
    uses: ['clients'],
    columns: [
      id,
      text('name', 'Name'),
      ...ref('clientId', 'clients', 'Client'),
      text('color', 'Colour'),
      text('code', 'Code'),
      yesNo('billable', 'Billable'),
      money('rate', 'Rate (per hour)', projectCurrency),
      money('budgetAmount', 'Budget', projectCurrency),
      currency(projectCurrency),
      seconds('budgetSeconds', 'Time budget'),
      number('budgetAlertPercent', 'Budget alert at (%)'),
      text('status', 'Status'),
    ],
  },
  tasks: {
    uses: ['projects'],
    columns: [
      id,
      text('name', 'Name'),
      ...ref('projectId', 'projects', 'Project'),
      text('status', 'Status'),
      seconds('estimateSeconds', 'Estimate'),
    ],
  },
  timeEntries: {
    uses: ['clients', 'projects', 'tasks', 'invoices'],
    compare: byField('start'),
    columns: timeEntryColumns,
  },
  invoices: {
    uses: ['clients'],
    compare: byField('number'),
    columns: [
      id,
      text('number', 'Number'),
      ...ref('clientId', 'clients', 'Client'),
      date('periodStart', 'Period start'),
      date('periodEnd', 'Period end'),
      currency(),
      percent('taxBasisPoints', 'Tax (%)'),
      text('status', 'Status'),
      text('grouping', 'Lines by'),
      date('issueDate', 'Issue date'),
      date('dueDate', 'Due date'),
      text('notes', 'Notes'),
      text('sellerName', 'Seller'),
      text('sellerAddress', 'Seller address'),
      text('sellerTaxId', 'Seller tax number'),
      text('paymentTerms', 'Payment terms'),
    ],
  },
  invoiceLines: {
    uses: ['invoices'],
    compare: byField('invoiceId', 'order'),
    columns: [
      id,
      ...ref('invoiceId', 'invoices', 'Invoice', 'number'),
      number('order', 'Order'),
      text('description', 'Description'),
      seconds('seconds', 'Time'),
      money('rate', 'Rate (per hour)', invoiceCurrency),
      money('amount', 'Amount', invoiceCurrency),
      col('Currency', [], (r, ctx) => v.text(invoiceCurrency(r, ctx))),
      joined('entryIds', 'Time entry ids', '; '),
    ],
  },
  activities: {
    uses: ['gear'],
    compare: byField('start'),
    columns: activityColumns,
  },
  gear: {
    uses: [],
    columns: [
      id,
      text('name', 'Name'),
      text('kind', 'Kind'),
      text('brand', 'Brand'),
      text('model', 'Model'),
      number('startDistanceMeters', 'Distance before Tally (m)'),
      yesNo('retired', 'Retired'),
      joined('defaultFor', 'Default for'),
    ],
  },
  sourceFiles: {
    uses: ['activities'],
    columns: [
      id,
      text('fileName', 'File name'),
      text('kind', 'Kind'),
      number('size', 'Size (bytes)'),
      text('contentHash', 'SHA-256'),
      ...ref('activityId', 'activities', 'Activity'),
      yesNo('synced', 'Sent to the sync server'),
    ],
  },
  activityMatchDismissals: {
    uses: [],
    columns: [
      id,
      joined('activityIds', 'Activity ids', '; '),
      instant('dismissedAt', 'Dismissed at'),
    ],
  },
};

/** Fields of rows that no column of the table shows, in a stable order. */
export function extraFields(def: TableDef, rows: readonly Row[]): string[] {
  const known = new Set(def.columns.flatMap((c) => c.fields));
  const extra = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!known.has(key)) extra.add(key);
  return [...extra].sort();
}

/**
 * A collection's records as a table. `onProgress` is called every `every` rows, for exports of
 * many thousands of records.
 */
export function buildTable(
  collection: CollectionName,
  records: readonly Row[],
  ctx: ExportContext,
  onProgress?: (done: number, total: number) => void,
  every = 2000,
): Table {
  const def = tableDefs[collection];
  const extras = extraFields(def, records);
  const sorted = [...records].sort(def.compare ?? byField());
  const rows: Value[][] = [];
  for (const [i, record] of sorted.entries()) {
    const cells = def.columns.map((c) => c.value(record, ctx));
    for (const f of extras) cells.push(v.generic(record[f]));
    rows.push(cells);
    if (onProgress && (i + 1) % every === 0) onProgress(i + 1, sorted.length);
  }
  onProgress?.(sorted.length, sorted.length);
  return {
    name: collection,
    label: collections[collection].label,
    headers: [...def.columns.map((c) => c.header), ...extras],
    rows,
  };
}

/** Settings as two columns, one setting a row. */
export function settingsTable(settings: Row | undefined): Table {
  const rows: Value[][] = Object.keys(settings ?? {})
    .filter((k) => k !== 'id')
    .sort()
    .map((key) => [v.text(key), v.generic(settings?.[key])]);
  return { name: 'settings', label: 'Settings', headers: ['Setting', 'Value'], rows };
}

/** A lookup over records by collection and id, for `ExportContext.find`. */
export function finder(
  records: Partial<Record<string, readonly Row[]>>,
): (collection: CollectionName, id: string) => Row | undefined {
  const maps = new Map<string, Map<string, Row>>();
  return (collection, recordId) => {
    let map = maps.get(collection);
    if (!map) {
      map = new Map((records[collection] ?? []).map((r) => [String(r.id), r]));
      maps.set(collection, map);
    }
    return map.get(recordId);
  };
}

/** A file name for a collection: timeEntries → "time-entries". */
export function fileStem(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
