// What the import page lists: one row per file or archive entry, in words a person
// understands, and the counts above the list.
import type { FailureReason } from '@tally/model/activities/parsed';
import type { ImportResult } from '@tally/model/activities/importer';

export type RowStatus = 'imported' | 'duplicate' | 'failed';

export interface ResultRow {
  /** Unique within a run, for keyed lists. */
  key: number;
  /** The dropped file, and the path inside it for archives. */
  file: string;
  entry?: string;
  status: RowStatus;
  /** Short, for the badge's neighbour: "Not a workout", "Already imported". */
  title: string;
  /** The full sentence: what was wrong, where. */
  message?: string;
  warnings: string[];
  /** For imported rows: the stored activity, to link to. */
  activity?: { id: string; name: string; sport: string; start: number; distanceMeters?: number };
}

const reasonTitles: Record<FailureReason, string> = {
  truncated: 'The file is cut short',
  corrupt: 'The file is damaged',
  'not-an-activity': 'Not a workout',
  'no-points': 'No recorded data',
  unsupported: 'Not a file Tally reads',
  'unknown-start': 'No start time',
  'too-large': 'Too large',
};

/** A short heading for a failure reason. */
export function reasonTitle(reason: FailureReason | 'not-saved'): string {
  return reason === 'not-saved' ? 'Could not be saved' : reasonTitles[reason];
}

/** Where a row came from, as a person would name it: `export.zip › activities/123.fit.gz`. */
export function whereLabel(row: Pick<ResultRow, 'file' | 'entry'>): string {
  return row.entry ? `${row.file} › ${row.entry}` : row.file;
}

/** The row for a result that is final as it comes from the reader (duplicates and failures). */
export function rowOfResult(
  key: number,
  result: Exclude<ImportResult, { status: 'imported' }>,
): ResultRow {
  const base = {
    key,
    file: result.file,
    ...(result.entry !== undefined && { entry: result.entry }),
  };
  if (result.status === 'duplicate') {
    return {
      ...base,
      status: 'duplicate',
      title: 'Already imported',
      message: result.message,
      warnings: [],
    };
  }
  return {
    ...base,
    status: 'failed',
    title: reasonTitle(result.reason),
    message: result.message,
    warnings: [],
  };
}

export interface Counts {
  imported: number;
  duplicate: number;
  failed: number;
  /** Imported rows with something the person should know. */
  warnings: number;
}

export function countRows(rows: readonly ResultRow[]): Counts {
  const counts: Counts = { imported: 0, duplicate: 0, failed: 0, warnings: 0 };
  for (const row of rows) {
    counts[row.status]++;
    if (row.warnings.length > 0) counts.warnings++;
  }
  return counts;
}

/** "3 imported · 1 already imported · 2 failed". */
export function summary(counts: Counts): string {
  const parts = [`${counts.imported} imported`];
  if (counts.duplicate > 0) parts.push(`${counts.duplicate} already imported`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  return parts.join(' · ');
}

export type RowFilter = 'all' | RowStatus | 'problems';

/** Rows to show: failures first when asked for problems. */
export function filterRows(rows: readonly ResultRow[], filter: RowFilter): ResultRow[] {
  if (filter === 'all') return rows.slice();
  if (filter === 'problems')
    return rows.filter((r) => r.status === 'failed' || r.warnings.length > 0);
  return rows.filter((r) => r.status === filter);
}
