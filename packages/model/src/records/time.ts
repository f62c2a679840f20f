// Time: clients, projects, tasks, time entries and invoices, as TimeTracker keeps them.
import * as v from 'valibot';
import * as f from './fields.ts';

export const client = v.object({
  id: f.id,
  name: f.name,
  contact: v.optional(f.text),
  email: v.optional(f.shortText),
  /** VAT or tax number, printed under "Bill to" (EU reverse charge needs the buyer's). */
  taxId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  /** Default hourly rate, minor units per hour. */
  rate: v.optional(f.nonNegativeMinor),
  currency: v.optional(f.currency),
  archived: v.optional(v.boolean(), false),
});

export const project = v.object({
  id: f.id,
  clientId: v.optional(f.ref),
  name: f.name,
  color: v.optional(f.color),
  code: v.optional(v.pipe(v.string(), v.maxLength(50))),
  billable: v.optional(v.boolean(), true),
  rate: v.optional(f.nonNegativeMinor),
  currency: v.optional(f.currency),
  budgetSeconds: v.optional(f.seconds),
  budgetAmount: v.optional(f.nonNegativeMinor),
  /** Warn when this share of a budget is used, in percent. */
  budgetAlertPercent: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
    80,
  ),
  status: v.optional(v.picklist(['active', 'archived']), 'active'),
});

export const task = v.object({
  id: f.id,
  projectId: f.ref,
  name: f.name,
  status: v.optional(v.picklist(['open', 'done']), 'open'),
  estimateSeconds: v.optional(f.seconds),
});

export const pause = v.object({
  start: f.instant,
  /** Absent while paused. */
  end: v.optional(f.instant),
});

export const entrySources = ['timer', 'manual', 'import'] as const;

export const timeEntry = v.pipe(
  v.object({
    id: f.id,
    start: f.instant,
    /** Absent while the timer runs. */
    end: v.optional(f.instant),
    pauses: v.optional(v.array(pause), []),
    description: v.optional(f.text, ''),
    projectId: v.optional(f.ref),
    taskId: v.optional(f.ref),
    tags: v.optional(f.tags, []),
    billable: v.optional(v.boolean(), true),
    /** The hourly rate when the work was done, minor units per hour. */
    rate: v.optional(f.nonNegativeMinor),
    currency: v.optional(f.currency),
    source: v.optional(v.picklist(entrySources), 'manual'),
    /** What identifies an imported row, so that a re-import adds nothing. */
    importKey: v.optional(v.pipe(v.string(), v.maxLength(255))),
    invoiceId: v.optional(f.ref),
    /**
     * The timer whose start ended this one: the next timer started on this device (a switch) or
     * on another device while this one ran (see time/conflicts.ts). Derived by the timer and by
     * conflict resolution; absent when the entry was stopped on its own.
     */
    supersededBy: v.optional(f.ref),
    /** When the user last answered "still working?" for this running entry. */
    workingConfirmedAt: v.optional(f.instant),
  }),
  v.check((e) => e.end === undefined || e.end >= e.start, 'an entry cannot end before it starts'),
);

export const invoiceStatuses = ['draft', 'issued', 'paid', 'cancelled'] as const;

export const invoice = v.object({
  id: f.id,
  /** Like "2026-0007"; unique per year. */
  number: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  clientId: f.ref,
  periodStart: f.calendarDate,
  periodEnd: f.calendarDate,
  currency: f.currency,
  taxBasisPoints: v.optional(f.basisPoints, 0),
  status: v.optional(v.picklist(invoiceStatuses), 'draft'),
  grouping: v.optional(v.picklist(['project', 'task', 'entry']), 'project'),
  issueDate: v.optional(f.calendarDate),
  dueDate: v.optional(f.calendarDate),
  notes: v.optional(f.text),
  /**
   * Who bills (the freelancer's own name, address, tax id) and the payment terms, as printed on
   * this invoice: a copy, so that moving house later does not rewrite invoices already sent.
   */
  sellerName: v.optional(f.shortText),
  sellerAddress: v.optional(f.text),
  sellerTaxId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  paymentTerms: v.optional(f.text),
});

export const invoiceLine = v.object({
  id: f.id,
  invoiceId: f.ref,
  description: f.shortText,
  /** Rounded billable time on this line. */
  seconds: f.seconds,
  rate: f.nonNegativeMinor,
  amount: f.minor,
  entryIds: v.optional(v.array(f.ref), []),
  order: v.optional(v.pipe(v.number(), v.integer()), 0),
});
