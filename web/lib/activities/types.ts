// The activities records as views hold them: projection rows are validated records plus their
// id (and, for activities, the `sourceHashes` index field), so once read they are used as the
// model's record types.
import type { RecordOf } from '@tally/model';
import type { Row } from '../store/schema.ts';

export type Activity = RecordOf<'activities'>;
export type Gear = RecordOf<'gear'>;
export type SourceFile = RecordOf<'sourceFiles'>;
export type MatchDismissal = RecordOf<'activityMatchDismissals'>;
export type Units = 'metric' | 'imperial';

/** Projection rows as the records they are (the store validated them on the way in). */
export function asRecords<T>(rows: readonly Row[]): T[] {
  return rows as unknown as T[];
}

export function asRecord<T>(row: Row | undefined): T | undefined {
  return row as unknown as T | undefined;
}
