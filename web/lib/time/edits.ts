// What an edit in the entry list changes beside the field the user touched. Moving an entry to
// another project takes that project's billing default and current rate (the entry's frozen rate
// belonged to the old project), and drops a task that belongs elsewhere. An invoiced entry keeps
// the rate it was billed at.
import { err, ok, time, type Patch, type Result, type Settings } from '@tally/model';
import { parseAmount } from './parse.ts';
import type { TimeEntry } from './types.ts';

export function projectPatch(
  entry: TimeEntry,
  projectId: string | undefined,
  cat: time.catalog.Catalog,
  settings: Pick<Settings, 'currency' | 'defaultRate'>,
): Patch<'timeEntries'> {
  const patch: Patch<'timeEntries'> = { projectId };
  const project = projectId === undefined ? undefined : cat.projects.get(projectId);
  if (entry.taskId !== undefined && cat.tasks.get(entry.taskId)?.projectId !== projectId)
    patch.taskId = undefined;
  if (project) patch.billable = project.billable;
  if (entry.invoiceId === undefined) {
    const rate = time.rates.rateFieldsFor(projectId, cat, settings);
    patch.rate = rate.rate;
    patch.currency = rate.currency;
  }
  return patch;
}

/** The rate an entry falls back to without one of its own: its project's, client's or the user's. */
export function fallbackRate(
  entry: TimeEntry,
  cat: time.catalog.Catalog,
  settings: Pick<Settings, 'currency' | 'defaultRate'>,
): time.rates.Rate | undefined {
  return time.rates.resolveRate(
    {},
    time.catalog.projectOf(entry, cat),
    time.catalog.clientOf(entry, cat),
    settings,
  );
}

/**
 * The entry's own hourly rate typed in the list ("the rate at the time", e.g. a rush rate for
 * one piece of work), in the entry's currency; blank removes it, so the entry is billed at the
 * fallback rate. An invoiced entry keeps the rate it was billed at.
 */
export function ratePatch(
  entry: TimeEntry,
  text: string,
  cat: time.catalog.Catalog,
  settings: Pick<Settings, 'currency' | 'defaultRate'>,
): Result<Patch<'timeEntries'>, string> {
  if (entry.invoiceId !== undefined)
    return err('This entry is on an invoice; cancel the invoice to change its rate.');
  const currency =
    entry.currency ?? fallbackRate(entry, cat, settings)?.currency ?? settings.currency;
  const r = parseAmount(text, currency);
  if (!r.ok) return r;
  return ok(
    r.value === undefined ? { rate: undefined, currency: undefined } : { rate: r.value, currency },
  );
}

/** The fields a new timer or manual entry takes from its project: billing default and rate. */
export function newEntryFields(
  fields: time.timer.EntryFields,
  cat: time.catalog.Catalog,
  settings: Pick<Settings, 'currency' | 'defaultRate'>,
): time.timer.EntryFields {
  const project = fields.projectId === undefined ? undefined : cat.projects.get(fields.projectId);
  const task = fields.taskId === undefined ? undefined : cat.tasks.get(fields.taskId);
  const out: time.timer.EntryFields = { ...fields };
  if (task && task.projectId !== fields.projectId) delete out.taskId;
  if (out.billable === undefined && project) out.billable = project.billable;
  if (out.rate === undefined)
    Object.assign(out, time.rates.rateFieldsFor(fields.projectId, cat, settings));
  return out;
}

/** A short name for an entry in messages: its description, else its project, else "untitled". */
export function entryName(entry: TimeEntry, cat: time.catalog.Catalog): string {
  const text = entry.description.trim();
  if (text) return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
  const project = time.catalog.projectOf(entry, cat);
  return project ? `the ${project.name} entry` : 'the untitled entry';
}
