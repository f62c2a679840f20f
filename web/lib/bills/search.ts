// The quick finder's matching: bill names folded to lower case without accents, every typed word
// found in the name; names that start with the query first, running bills before ended ones.
import type { Bill } from './types.ts';

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function rank(name: string, query: string): number | undefined {
  if (query === '') return 3;
  if (name.startsWith(query)) return 0;
  if (name.includes(` ${query}`)) return 1;
  if (name.includes(query)) return 2;
  const words = query.split(' ');
  return words.every((w) => name.includes(w)) ? 3 : undefined;
}

/** Bills whose names match `query`, best first; at most `limit`. */
export function searchBills(
  bills: readonly Bill[],
  query: string,
  today: string,
  options: { limit?: number; locale?: string } = {},
): Bill[] {
  const q = fold(query);
  const collator = new Intl.Collator(options.locale, { sensitivity: 'base', numeric: true });
  const ended = (b: Bill): number =>
    !b.active ||
    (b.cancelledOn !== undefined && b.cancelledOn < today) ||
    (b.endDate !== undefined && b.endDate < today)
      ? 1
      : 0;
  return bills
    .flatMap((bill) => {
      const r = rank(fold(bill.name), q);
      return r === undefined ? [] : [{ bill, r: r + ended(bill) * 10 }];
    })
    .sort(
      (a, b) =>
        a.r - b.r || collator.compare(a.bill.name, b.bill.name) || (a.bill.id < b.bill.id ? -1 : 1),
    )
    .slice(0, options.limit ?? 8)
    .map((x) => x.bill);
}
