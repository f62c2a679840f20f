// Which hourly rate an entry is billed at: its own (the rate when the work was done), else its
// project's, else its client's default, else the user's default. Each rate carries the currency
// of the record that set it, falling back along the same chain, so amounts never mix currencies.
import type { Settings } from '../collections.ts';
import * as money from '../money.ts';
import {
  clientOf,
  projectOf,
  type Catalog,
  type Client,
  type Project,
  type TimeEntry,
} from './catalog.ts';

export type RateSource = 'entry' | 'project' | 'client' | 'settings';

export interface Rate {
  /** Minor units per hour. */
  rate: number;
  currency: string;
  from: RateSource;
}

export type RateSettings = Pick<Settings, 'currency' | 'defaultRate'>;

export function resolveRate(
  entry: Pick<TimeEntry, 'rate' | 'currency'>,
  project: Project | undefined,
  client: Client | undefined,
  settings: RateSettings,
): Rate | undefined {
  const clientCurrency = client?.currency ?? settings.currency;
  const projectCurrency = project?.currency ?? clientCurrency;
  if (entry.rate !== undefined)
    return { rate: entry.rate, currency: entry.currency ?? projectCurrency, from: 'entry' };
  if (project?.rate !== undefined)
    return { rate: project.rate, currency: projectCurrency, from: 'project' };
  if (client?.rate !== undefined)
    return { rate: client.rate, currency: clientCurrency, from: 'client' };
  if (settings.defaultRate !== undefined)
    return { rate: settings.defaultRate, currency: settings.currency, from: 'settings' };
  return undefined;
}

export function rateOf(entry: TimeEntry, cat: Catalog, settings: RateSettings): Rate | undefined {
  return resolveRate(entry, projectOf(entry, cat), clientOf(entry, cat), settings);
}

/**
 * The rate to freeze on a new entry ("the rate at the time"), so a later change of the project's
 * rate does not reprice old work. Returns the fields to put on the entry, or none.
 */
export function rateFieldsFor(
  projectId: string | undefined,
  cat: Catalog,
  settings: RateSettings,
): { rate?: number; currency?: string } {
  const project = projectId === undefined ? undefined : cat.projects.get(projectId);
  const client = project?.clientId === undefined ? undefined : cat.clients.get(project.clientId);
  const rate = resolveRate({}, project, client, settings);
  return rate ? { rate: rate.rate, currency: rate.currency } : {};
}

/** The amount for `seconds` at a rate, rounded half-up to the minor unit. */
export function amountFor(rate: Rate, seconds: number): money.Money {
  return { minor: money.amountForDuration(rate.rate, seconds), currency: rate.currency };
}
