// How records are split into Yjs documents. Documents are partitioned by how they load: a few
// small documents that every device keeps live (settings, bill definitions, projects, gear), and
// one document per year for each collection that grows without bound (payments, bank
// transactions, time entries, activities). A record's document follows from its id — the year
// of the time inside it — so a record never moves between documents.
import { timeOf } from './ids.ts';

export const SETTINGS_DOC_NAME = 'settings';

export const smallDocs = ['settings', 'bills', 'time', 'activities'] as const;
export type SmallDoc = (typeof smallDocs)[number];

export const yearlyDocs = ['payments', 'transactions', 'time-entries', 'activities'] as const;
export type YearlyDoc = (typeof yearlyDocs)[number];

export type Placement = { kind: 'small'; doc: SmallDoc } | { kind: 'yearly'; prefix: YearlyDoc };

export type DocName = string;

export type ParsedDocName =
  { kind: 'small'; doc: SmallDoc } | { kind: 'yearly'; prefix: YearlyDoc; year: number };

const YEARLY_RE = /^([a-z-]+)\.(\d{4})$/;

export function parseDocName(name: string): ParsedDocName | undefined {
  if ((smallDocs as readonly string[]).includes(name))
    return { kind: 'small', doc: name as SmallDoc };
  const m = YEARLY_RE.exec(name);
  if (m && (yearlyDocs as readonly string[]).includes(m[1] ?? '')) {
    return { kind: 'yearly', prefix: m[1] as YearlyDoc, year: Number(m[2]) };
  }
  return undefined;
}

export function isDocName(name: string): boolean {
  return parseDocName(name) !== undefined;
}

export function yearlyDocName(prefix: YearlyDoc, year: number): DocName {
  return `${prefix}.${String(year).padStart(4, '0')}`;
}

/** The document that holds the record with this id. */
export function docNameFor(placement: Placement, id: string): DocName {
  if (placement.kind === 'small') return placement.doc;
  return yearlyDocName(placement.prefix, new Date(timeOf(id)).getUTCFullYear());
}

export function placementMatches(placement: Placement, doc: ParsedDocName): boolean {
  return placement.kind === 'small'
    ? doc.kind === 'small' && doc.doc === placement.doc
    : doc.kind === 'yearly' && doc.prefix === placement.prefix;
}

/** Small documents first, then yearly ones newest first: the order a new device pulls them in. */
export function compareForSync(a: DocName, b: DocName): number {
  const pa = parseDocName(a);
  const pb = parseDocName(b);
  const rank = (p: ParsedDocName | undefined): number =>
    p === undefined
      ? Number.MAX_SAFE_INTEGER
      : p.kind === 'small'
        ? smallDocs.indexOf(p.doc) - 100_000
        : -p.year;
  return rank(pa) - rank(pb) || (a < b ? -1 : a > b ? 1 : 0);
}
