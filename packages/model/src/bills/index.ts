// Bills: BillTracker's logic over plain records — when bills are due, what is paid, late or
// missed, what the month leaves, how debts get paid off, what subscriptions cost, and the
// calendar export. Pure: "today", the clock and the records are passed in.
export * as overrides from './overrides.ts';
export * as occurrences from './occurrences.ts';
export * as status from './status.ts';
export * as payments from './payments.ts';
export * as tracker from './tracker.ts';
export * as autopay from './autopay.ts';
export * as summary from './summary.ts';
export * as debts from './debts.ts';
export * as subscriptions from './subscriptions.ts';
export * as ics from './ics.ts';
