// What every importer reads out of a row, and the shape of an importer.
import type { Result } from '../../result.ts';
import type { CsvRow, CsvTable } from './csv.ts';
import type { DateOrder } from './fields.ts';

export type FormatName = 'toggl' | 'clockify' | 'harvest';

export interface ImportedEntry {
  start: number;
  end: number;
  description: string;
  client?: string;
  project?: string;
  task?: string;
  tags: string[];
  /** Absent when the file does not say; the project's default then applies. */
  billable?: boolean;
  /** Minor units per hour, as billed in the source (kept: it is the rate at the time). */
  rate?: number;
  currency?: string;
  importKey: string;
}

export type RowResult =
  { row: number; ok: true; entry: ImportedEntry } | { row: number; ok: false; error: string };

export interface ReadOptions {
  /** The user's IANA zone: the exports' wall-clock times are read in it. */
  zone: string;
  /** The user's currency, for a rate whose currency the file does not name. */
  currency: string;
  /** When no date in the file tells day from month; defaults to the exporter's own default. */
  dateOrder?: DateOrder;
  /** Harvest has no times: its entries start at this hour of their day (default 9). */
  dayStartHour?: number;
}

export interface Format {
  name: FormatName;
  label: string;
  /** Header keys (lower-case) the importer cannot do without. */
  required: readonly string[];
  /** Whether a header (lower-case keys) looks like this exporter's. */
  detect(keys: ReadonlySet<string>): boolean;
  /** Rows to entries; an error for the whole file (e.g. mixed date formats) fails it. */
  read(table: CsvTable, options: ReadOptions): Result<RowResult[], string>;
}

export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 10_000;
export const MAX_TAG = 100;

/** Checks lengths the records will enforce, so the error names the row, not a schema path. */
export function checkLengths(entry: Omit<ImportedEntry, 'importKey'>): string | undefined {
  for (const [what, name] of [
    ['client', entry.client],
    ['project', entry.project],
    ['task', entry.task],
  ] as const) {
    if (name !== undefined && name.length > MAX_NAME)
      return `the ${what} name is longer than ${MAX_NAME} characters`;
  }
  if (entry.description.length > MAX_DESCRIPTION)
    return `the description is longer than ${MAX_DESCRIPTION} characters`;
  const long = entry.tags.find((t) => t.length > MAX_TAG);
  if (long !== undefined)
    return `the tag "${long.slice(0, 20)}…" is longer than ${MAX_TAG} characters`;
  if (entry.task !== undefined && entry.project === undefined)
    return `the task "${entry.task}" has no project`;
  if (entry.end < entry.start) return 'it ends before it starts';
  return undefined;
}

/** `undefined` for an empty cell, the trimmed text otherwise. */
export function optional(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/** The first of these columns the row has, or ''. */
export function get(row: CsvRow, ...names: string[]): string {
  for (const n of names) {
    const v = row.cells.get(n);
    if (v !== undefined) return v;
  }
  return '';
}

/** Client, project and task names, when the row has them. */
export function optionalNames(
  row: CsvRow,
  columns: { client: string; project: string; task: string } = {
    client: 'client',
    project: 'project',
    task: 'task',
  },
): { client?: string; project?: string; task?: string } {
  const client = optional(get(row, columns.client));
  const project = optional(get(row, columns.project));
  const task = optional(get(row, columns.task));
  return {
    ...(client !== undefined && { client }),
    ...(project !== undefined && { project }),
    ...(task !== undefined && { task }),
  };
}
