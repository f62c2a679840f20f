// The activity list's filters as URL parameters, so a filtered list survives a reload and can
// be linked to: ?sport=running&gear=…&from=2026-01-01&to=2026-03-31&q=hill
import * as dates from '@tally/model/dates';
import type { ActivityFilter } from '@tally/model/activities/list';

export function filterFromParams(params: URLSearchParams): ActivityFilter {
  const filter: ActivityFilter = {};
  const sport = params.get('sport')?.trim();
  if (sport) filter.sport = sport;
  const gear = params.get('gear')?.trim();
  if (gear) filter.gearId = gear;
  const from = params.get('from');
  if (from && dates.isCalendarDate(from)) filter.from = from;
  const to = params.get('to');
  if (to && dates.isCalendarDate(to)) filter.to = to;
  const text = params.get('q')?.trim();
  if (text) filter.text = text;
  return filter;
}

/** The query string for a filter ('' when nothing is filtered), in a stable order. */
export function filterToQuery(filter: ActivityFilter): string {
  const params = new URLSearchParams();
  if (filter.sport) params.set('sport', filter.sport);
  if (filter.gearId) params.set('gear', filter.gearId);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.text?.trim()) params.set('q', filter.text.trim());
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function isFiltered(filter: ActivityFilter): boolean {
  return Boolean(filter.sport || filter.gearId || filter.from || filter.to || filter.text);
}
