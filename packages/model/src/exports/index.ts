// Taking data out: every collection as a table (tables.ts), as CSV (csv.ts) or spreadsheet sheets
// (sheets.ts); reading backups of every format version (migrate.ts) and what they hold
// (contents.ts). Pure: the zone, the currency and the clock come in as arguments.
export * as values from './values.ts';
export * as tables from './tables.ts';
export * as csv from './csv.ts';
export * as sheets from './sheets.ts';
export * as migrate from './migrate.ts';
export * as contents from './contents.ts';
