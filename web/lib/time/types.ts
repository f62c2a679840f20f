// The time records as views hold them. Projection rows are the validated records plus their id,
// so they are read back as records without another validation pass.
import type { time } from '@tally/model';
import type { Row } from '../store/schema.ts';

export type TimeEntry = time.catalog.TimeEntry;
export type Client = time.catalog.Client;
export type Project = time.catalog.Project;
export type Task = time.catalog.Task;
export type Invoice = time.catalog.Invoice;
export type InvoiceLine = time.catalog.InvoiceLine;

export function asRecords<T>(rows: readonly Row[]): T[] {
  return rows as unknown as T[];
}

/** What the time screens look names up in: every client, project and task (they are few). */
export interface CatalogRecords {
  clients: Client[];
  projects: Project[];
  tasks: Task[];
}
