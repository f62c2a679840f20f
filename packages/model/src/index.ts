// @tally/model: records, how they live in Yjs documents, and the domain logic. Pure: the clock,
// ids and IO are passed in.
export * as money from './money.ts';
export * as dates from './dates.ts';
export * as ids from './ids.ts';
export * as documents from './documents.ts';
export * as projection from './projection.ts';
export * as migrations from './migrations.ts';
export * as backup from './backup.ts';
export * as bills from './bills/index.ts';
export * as bank from './bank/index.ts';
export * as time from './time/index.ts';
export * as workouts from './activities/index.ts';
export * as exports from './exports/index.ts';
export * as records from './records/index.ts';
export {
  collections,
  collectionNames,
  isCollectionName,
  settingsSchema,
  SETTINGS_MAP,
  type CollectionDef,
  type CollectionName,
  type Collections,
  type InputOf,
  type Module,
  type RecordOf,
  type Settings,
} from './collections.ts';
export {
  Collection,
  type NewRecord,
  type Patch,
  type ReadResult,
  type Reject,
  type WriteError,
} from './collection.ts';
export { SettingsMap, SETTINGS_ID, type SettingsPatch } from './settings.ts';
export { ok, err, type Result } from './result.ts';
