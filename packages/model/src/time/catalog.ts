// The records a time entry refers to, indexed by id: reports, invoices and exports look up an
// entry's project, its task and (through the project) its client many times per entry.
import type { RecordOf } from '../collections.ts';

export type TimeEntry = RecordOf<'timeEntries'>;
export type Client = RecordOf<'clients'>;
export type Project = RecordOf<'projects'>;
export type Task = RecordOf<'tasks'>;
export type Invoice = RecordOf<'invoices'>;
export type InvoiceLine = RecordOf<'invoiceLines'>;

export interface Catalog {
  readonly clients: ReadonlyMap<string, Client>;
  readonly projects: ReadonlyMap<string, Project>;
  readonly tasks: ReadonlyMap<string, Task>;
}

export function catalog(records: {
  clients?: readonly Client[];
  projects?: readonly Project[];
  tasks?: readonly Task[];
}): Catalog {
  return {
    clients: new Map((records.clients ?? []).map((c) => [c.id, c])),
    projects: new Map((records.projects ?? []).map((p) => [p.id, p])),
    tasks: new Map((records.tasks ?? []).map((t) => [t.id, t])),
  };
}

export function projectOf(entry: TimeEntry, cat: Catalog): Project | undefined {
  return entry.projectId === undefined ? undefined : cat.projects.get(entry.projectId);
}

export function taskOf(entry: TimeEntry, cat: Catalog): Task | undefined {
  return entry.taskId === undefined ? undefined : cat.tasks.get(entry.taskId);
}

/** An entry's client is its project's client: entries carry no client of their own. */
export function clientOf(entry: TimeEntry, cat: Catalog): Client | undefined {
  const clientId = projectOf(entry, cat)?.clientId;
  return clientId === undefined ? undefined : cat.clients.get(clientId);
}

/** Oldest first; entries that start together in id order, so every device lists them alike. */
export function compareEntries(a: TimeEntry, b: TimeEntry): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
