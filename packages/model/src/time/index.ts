// Time tracking: the timer, its conflicts across devices, durations and rounding, reports,
// budgets, task estimates, invoices and their numbers, idle detection, and CSV import and
// export. Pure: the clock, ids and the user's zone come in as arguments; operations return the
// writes to make.
export * as catalog from './catalog.ts';
export * as writes from './writes.ts';
export * as timer from './timer.ts';
export * as conflicts from './conflicts.ts';
export * as durations from './durations.ts';
export * as rounding from './rounding.ts';
export * as rates from './rates.ts';
export * as reports from './reports.ts';
export * as budgets from './budgets.ts';
export * as tasks from './tasks.ts';
export * as invoices from './invoices.ts';
export * as numbering from './numbering.ts';
export * as idle from './idle.ts';
export * as importing from './import/index.ts';
export * as exporting from './export.ts';
