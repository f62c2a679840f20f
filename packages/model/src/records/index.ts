export * as fields from './fields.ts';
export * as bills from './bills.ts';
export * as time from './time.ts';
export * as activities from './activities.ts';
export * as settings from './settings.ts';
