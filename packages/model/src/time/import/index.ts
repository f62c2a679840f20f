// Importing Toggl Track, Clockify and Harvest CSV exports. `preview` reads the file (format from
// its header), checks every row and shows what would happen: entries to add, rows already
// imported, clients/projects/tasks to create, and each bad row with its number and reason.
// `plan` turns a clean preview into the complete list of writes — or, if any row is bad, only
// the errors: an import is all or nothing.
//
// Clients, projects and tasks are matched by name, ignoring case and surrounding spaces. A
// project matches by name under the row's client; a row without a client takes the one project
// of that name if there is exactly one. Tasks match by name within their project.
import type { Ids } from '../../ids.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Client, Project, Task, TimeEntry } from '../catalog.ts';
import type { Create } from '../writes.ts';
import { headerKey, readCsv } from './csv.ts';
import { clockify } from './clockify.ts';
import type { DateOrder } from './fields.ts';
import type { Format, FormatName, ImportedEntry, ReadOptions } from './format.ts';
import { harvest } from './harvest.ts';
import { toggl } from './toggl.ts';

export type { DateOrder, Format, FormatName, ImportedEntry, ReadOptions };
export { readCsv } from './csv.ts';
export { fnv1a64 } from './key.ts';

/** In detection order: Clockify's header also has the columns Toggl is recognised by. */
export const formats: readonly Format[] = [clockify, toggl, harvest];

export function detectFormat(headers: readonly string[]): Format | undefined {
  const keys = new Set(headers.map(headerKey));
  return formats.find((f) => f.detect(keys));
}

export interface ImportContext extends ReadOptions {
  clients: readonly Client[];
  projects: readonly Project[];
  tasks: readonly Task[];
  /** Existing entries (of every year), for their import keys. */
  entries: readonly Pick<TimeEntry, 'importKey'>[];
  /** Skip detection. */
  format?: FormatName;
}

export interface RowError {
  row: number;
  message: string;
}

export interface PreviewRow {
  row: number;
  entry?: ImportedEntry;
  error?: string;
  /** Imported before: it will be skipped. */
  duplicate: boolean;
}

export interface Preview {
  format: FormatName;
  label: string;
  rows: PreviewRow[];
  errors: RowError[];
  /** Rows that will become entries. */
  entryCount: number;
  duplicates: number;
  newClients: string[];
  newProjects: { name: string; client?: string }[];
  newTasks: { name: string; project: string }[];
}

export function preview(text: string, ctx: ImportContext): Result<Preview, string> {
  const table = readCsv(text);
  if (!table.ok) return table;
  const format =
    ctx.format !== undefined
      ? formats.find((f) => f.name === ctx.format)
      : detectFormat(table.value.headers);
  if (!format) {
    return err(
      'This is not a Toggl Track, Clockify or Harvest detailed CSV export (its header has ' +
        `${table.value.headers.slice(0, 6).join(', ')}…).`,
    );
  }
  const keys = new Set(table.value.headers.map(headerKey));
  const missing = format.required.filter((r) => !keys.has(r));
  if (missing.length > 0)
    return err(`This ${format.label} export lacks the column(s): ${missing.join(', ')}.`);
  const read = format.read(table.value, ctx);
  if (!read.ok) return err(`This ${format.label} export cannot be read: ${read.error}.`);

  const existing = new Set<string>();
  for (const e of ctx.entries) if (e.importKey !== undefined) existing.add(e.importKey);
  const rows: PreviewRow[] = read.value.map((r) =>
    r.ok
      ? { row: r.row, entry: r.entry, duplicate: existing.has(r.entry.importKey) }
      : { row: r.row, error: r.error, duplicate: false },
  );
  const toImport = rows.flatMap((r) => (r.entry && !r.duplicate ? [r.entry] : []));
  const resolved = resolveNames(toImport, ctx, (kind, n) => `new-${kind}-${n}`);
  return ok({
    format: format.name,
    label: format.label,
    rows,
    errors: rows.flatMap((r) => (r.error !== undefined ? [{ row: r.row, message: r.error }] : [])),
    entryCount: toImport.length,
    duplicates: rows.filter((r) => r.duplicate).length,
    newClients: resolved.clients.map((c) => c.input.name),
    newProjects: resolved.projects.map((p) => ({
      name: p.input.name,
      ...(p.clientName !== undefined && { client: p.clientName }),
    })),
    newTasks: resolved.tasks.map((t) => ({ name: t.input.name, project: t.projectName })),
  });
}

export interface ImportPlan {
  format: FormatName;
  clients: Create<'clients'>[];
  projects: Create<'projects'>[];
  tasks: Create<'tasks'>[];
  /** Each id carries the entry's start, so it belongs in that year's document. */
  timeEntries: Create<'timeEntries'>[];
  /** Rows skipped because they were imported before. */
  duplicates: number;
}

/** The writes for a preview without errors; otherwise the errors, and nothing to write. */
export function plan(
  checked: Preview,
  ctx: Pick<ImportContext, 'clients' | 'projects' | 'tasks'>,
  ids: Ids,
): Result<ImportPlan, RowError[]> {
  if (checked.errors.length > 0) return err(checked.errors);
  const entries = checked.rows.flatMap((r) => (r.entry && !r.duplicate ? [r.entry] : []));
  const resolved = resolveNames(entries, ctx, () => ids.next());
  const timeEntries = entries.map((entry, i): Create<'timeEntries'> => {
    const refs = resolved.refs[i] ?? {};
    return {
      id: ids.next(entry.start),
      input: {
        start: entry.start,
        end: entry.end,
        description: entry.description,
        tags: entry.tags,
        billable: entry.billable ?? refs.projectBillable ?? true,
        source: 'import',
        importKey: entry.importKey,
        ...(refs.projectId !== undefined && { projectId: refs.projectId }),
        ...(refs.taskId !== undefined && { taskId: refs.taskId }),
        ...(entry.rate !== undefined && { rate: entry.rate }),
        ...(entry.currency !== undefined && { currency: entry.currency }),
      },
    };
  });
  return ok({
    format: checked.format,
    clients: resolved.clients.map(({ id, input }) => ({ id, input })),
    projects: resolved.projects.map(({ id, input }) => ({ id, input })),
    tasks: resolved.tasks.map(({ id, input }) => ({ id, input })),
    timeEntries,
    duplicates: checked.duplicates,
  });
}

/** Preview and plan in one step, for callers that need no confirmation screen. */
export function importCsv(
  text: string,
  ctx: ImportContext,
  ids: Ids,
): Result<ImportPlan, RowError[]> {
  const checked = preview(text, ctx);
  if (!checked.ok) return err([{ row: 1, message: checked.error }]);
  return plan(checked.value, ctx, ids);
}

// ---- Matching names to records ----

interface Refs {
  projectId?: string;
  taskId?: string;
  /** The project's default, for rows that do not say whether they are billable. */
  projectBillable?: boolean;
}

interface Resolved {
  clients: Create<'clients'>[];
  projects: (Create<'projects'> & { clientName?: string })[];
  tasks: (Create<'tasks'> & { projectName: string })[];
  refs: Refs[];
}

const norm = (name: string): string => name.trim().toLowerCase();

function resolveNames(
  entries: readonly ImportedEntry[],
  ctx: Pick<ImportContext, 'clients' | 'projects' | 'tasks'>,
  newId: (kind: 'client' | 'project' | 'task', n: number) => string,
): Resolved {
  const out: Resolved = { clients: [], projects: [], tasks: [], refs: [] };
  const clients = new Map(ctx.clients.map((c) => [norm(c.name), c.id]));
  const clientNames = new Map(ctx.clients.map((c) => [c.id, c.name]));
  const projects = new Map<string, string>();
  const projectsByName = new Map<string, string[]>();
  const billableOf = new Map<string, boolean>();
  for (const p of ctx.projects) {
    const clientKey = p.clientId === undefined ? '' : norm(clientNames.get(p.clientId) ?? '');
    projects.set(`${clientKey}\u0000${norm(p.name)}`, p.id);
    projectsByName.set(norm(p.name), [...(projectsByName.get(norm(p.name)) ?? []), p.id]);
    billableOf.set(p.id, p.billable);
  }
  const tasks = new Map(ctx.tasks.map((t) => [`${t.projectId}\u0000${norm(t.name)}`, t.id]));
  // New projects are billable when any of their imported rows is.
  const newProjectBillable = new Map<string, boolean>();

  for (const entry of entries) {
    const refs: Refs = {};
    let clientId: string | undefined;
    if (entry.client !== undefined) {
      clientId = clients.get(norm(entry.client));
      if (clientId === undefined) {
        clientId = newId('client', out.clients.length);
        clients.set(norm(entry.client), clientId);
        out.clients.push({ id: clientId, input: { name: entry.client.trim() } });
      }
    }
    if (entry.project !== undefined) {
      const key = `${entry.client === undefined ? '' : norm(entry.client)}\u0000${norm(entry.project)}`;
      let projectId = projects.get(key);
      if (projectId === undefined && entry.client === undefined) {
        const same = projectsByName.get(norm(entry.project)) ?? [];
        if (same.length === 1) projectId = same[0];
      }
      if (projectId === undefined) {
        projectId = newId('project', out.projects.length);
        projects.set(key, projectId);
        out.projects.push({
          id: projectId,
          input: { name: entry.project.trim(), ...(clientId !== undefined && { clientId }) },
          ...(entry.client !== undefined && { clientName: entry.client.trim() }),
        });
      }
      refs.projectId = projectId;
      const existingBillable = billableOf.get(projectId);
      if (existingBillable !== undefined) refs.projectBillable = existingBillable;
      else if (entry.billable !== undefined)
        newProjectBillable.set(
          projectId,
          (newProjectBillable.get(projectId) ?? false) || entry.billable,
        );

      if (entry.task !== undefined) {
        const taskKey = `${projectId}\u0000${norm(entry.task)}`;
        let taskId = tasks.get(taskKey);
        if (taskId === undefined) {
          taskId = newId('task', out.tasks.length);
          tasks.set(taskKey, taskId);
          out.tasks.push({
            id: taskId,
            input: { projectId, name: entry.task.trim() },
            projectName: entry.project.trim(),
          });
        }
        refs.taskId = taskId;
      }
    }
    out.refs.push(refs);
  }
  for (const p of out.projects) {
    const billable = newProjectBillable.get(p.id);
    if (billable !== undefined) p.input = { ...p.input, billable };
  }
  return out;
}
