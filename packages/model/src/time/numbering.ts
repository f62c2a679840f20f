// Invoice numbers run per year: "2026-0001", "2026-0002", … Each device derives the next number
// from the invoices it has, so two devices offline can hand out the same number. After sync,
// `findDuplicates` spots that: a draft that collides is renumbered, the same way on every device
// (the later one by id moves to the next free number); an issued invoice is never renumbered
// behind the user's back — it is flagged so they can decide.
import type { Invoice } from './catalog.ts';
import type { Update } from './writes.ts';

const NUMBER_RE = /^(\d{4})-(\d{4,})$/;

export function formatNumber(year: number, sequence: number): string {
  return `${String(year).padStart(4, '0')}-${String(sequence).padStart(4, '0')}`;
}

export function parseNumber(number: string): { year: number; sequence: number } | undefined {
  const m = NUMBER_RE.exec(number.trim());
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : undefined;
}

/** The highest sequence used in `year`, cancelled invoices included (a number is never reused). */
function highest(invoices: readonly Pick<Invoice, 'number'>[], year: number): number {
  let max = 0;
  for (const inv of invoices) {
    const n = parseNumber(inv.number);
    if (n?.year === year) max = Math.max(max, n.sequence);
  }
  return max;
}

export function nextNumber(invoices: readonly Pick<Invoice, 'number'>[], year: number): string {
  return formatNumber(year, highest(invoices, year) + 1);
}

export interface DuplicateNumber {
  number: string;
  /** The invoice that keeps the number. */
  keepId: string;
  /** Drafts moved to a new number. */
  renumber: Update<'invoices'>[];
  /**
   * Issued (or paid, or cancelled) invoices that share the number with another one that is not
   * a draft: nothing is changed, the user must decide.
   */
  flaggedIds: string[];
}

const byId = (a: Invoice, b: Invoice): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Numbers used more than once, with a deterministic fix. The keeper is the one invoice that is
 * no longer a draft, or the earliest by id when all are drafts; every other draft gets the next
 * free number of its year (duplicated numbers in order, then drafts by id), so every device
 * proposes the same numbers for the same invoices. Numbers that do not follow the "YYYY-NNNN" pattern
 * get no proposal: their drafts are flagged like issued ones.
 */
export function findDuplicates(invoices: readonly Invoice[]): DuplicateNumber[] {
  const groups = new Map<string, Invoice[]>();
  for (const inv of invoices) {
    const key = inv.number.trim();
    groups.set(key, [...(groups.get(key) ?? []), inv]);
  }
  const nextFree = new Map<number, number>();
  const take = (year: number): string => {
    const n = (nextFree.get(year) ?? highest(invoices, year)) + 1;
    nextFree.set(year, n);
    return formatNumber(year, n);
  };
  const out: DuplicateNumber[] = [];
  for (const [number, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (group.length < 2) continue;
    const sorted = [...group].sort(byId);
    const fixed = sorted.filter((i) => i.status !== 'draft');
    const drafts = sorted.filter((i) => i.status === 'draft');
    const keep = fixed[0] ?? drafts[0];
    if (!keep) continue;
    const parsed = parseNumber(number);
    const movable = drafts.filter((d) => d.id !== keep.id);
    out.push({
      number,
      keepId: keep.id,
      renumber: parsed
        ? movable.map((d) => ({ id: d.id, patch: { number: take(parsed.year) } }))
        : [],
      flaggedIds: [
        ...(fixed.length > 1 ? fixed.map((i) => i.id) : []),
        ...(parsed ? [] : movable.map((d) => d.id)),
      ],
    });
  }
  return out;
}
