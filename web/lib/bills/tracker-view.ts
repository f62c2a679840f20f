// The tracker screen's state in the URL (month, sort, pin due, status filter) and the bucket
// tiles over a month of occurrences: how many, and how much per currency.
import * as money from '@tally/model/money';
import type { MonthKey } from '@tally/model/dates';
import * as tracker from '@tally/model/bills/tracker';
import { statuses, type Status } from '@tally/model/bills/status';
import { parseMonth } from './month.ts';

export interface TrackerQuery {
  month: MonthKey;
  sort: tracker.TrackerSort;
  pinDue: boolean;
  /** Show one bucket only. */
  status?: Status;
}

/** Reads `?month=&sort=&pin=&status=`; the current month, due date order and pin due by default. */
export function readTrackerQuery(params: URLSearchParams, thisMonth: MonthKey): TrackerQuery {
  const status = params.get('status');
  const query: TrackerQuery = {
    month: parseMonth(params.get('month'), thisMonth),
    sort: tracker.parseSort(params.get('sort')),
    pinDue: params.get('pin') !== '0',
  };
  if ((statuses as readonly string[]).includes(status ?? '')) query.status = status as Status;
  return query;
}

/** The query string for a tracker state, leaving defaults out: "" or "?month=2026-04&sort=-amount". */
export function trackerSearch(query: TrackerQuery, thisMonth: MonthKey): string {
  const params = new URLSearchParams();
  if (query.month !== thisMonth) params.set('month', query.month);
  const sort = tracker.formatSort(query.sort);
  if (sort !== tracker.formatSort(tracker.DEFAULT_SORT)) params.set('sort', sort);
  if (!query.pinDue) params.set('pin', '0');
  if (query.status) params.set('status', query.status);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface Tile {
  status: Status;
  count: number;
  /** Expected amounts (paid amounts for Paid), per currency, currencies in code order. */
  totals: money.Money[];
}

/** One tile per status, in the tracker's order. */
export function tiles(month: tracker.TrackerMonth): Tile[] {
  return statuses.map((status) => {
    const items = month.buckets[status];
    const byCurrency = new Map<string, number>();
    for (const item of items) {
      const { currency } = item.occurrence;
      const amount = status === 'paid' ? item.paidAmount : item.occurrence.amount;
      byCurrency.set(currency, money.sum([byCurrency.get(currency) ?? 0, amount]));
    }
    return {
      status,
      count: items.length,
      totals: [...byCurrency]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([currency, minor]) => ({ currency, minor })),
    };
  });
}
