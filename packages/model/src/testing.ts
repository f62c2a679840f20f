// Deterministic helpers for tests and benchmarks in every package: a seeded PRNG, an id source
// on a fake clock, and builders that fill in a valid record with overrides.
import type { CollectionName, InputOf } from './collections.ts';
import type { NewRecord } from './collection.ts';
import { createIds, type Ids } from './ids.ts';

/** mulberry32: a small, fast, seeded PRNG with uniform output in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TestClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 10, 22, 9, 0, 0)): TestClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => void (t += ms),
    set: (ms) => void (t = ms),
  };
}

/** Ids from a seeded PRNG on a clock that ticks 1 ms per id. */
export function testIds(seed = 1, clock: TestClock = testClock()): Ids & { clock: TestClock } {
  const random = prng(seed);
  const ids = createIds({ now: () => clock.now(), random });
  return {
    clock,
    next(at?: number) {
      if (at === undefined) clock.advance(1);
      return ids.next(at);
    },
  };
}

type Builders = { [N in CollectionName]?: (n: number) => NewRecord<N> };

/** A valid new record of each collection; `n` varies the content. */
export const sample: Required<Builders> = {
  categories: (n) => ({ name: `Category ${n}` }),
  bills: (n) => ({
    name: `Bill ${n}`,
    amount: 1000 + n,
    currency: 'USD',
    cycle: 'monthly',
    dueDay: (n % 28) + 1,
    anchorDate: '2026-01-15',
  }),
  monthlyOverrides: (n) => ({ billId: FIXED_ID, month: '2026-11', amount: 500 + n }),
  payments: (n) => ({ billId: FIXED_ID, date: '2026-11-01', amount: 1000 + n, currency: 'USD' }),
  incomes: (n) => ({ month: '2026-11', label: `Salary ${n}`, amount: 300000, currency: 'USD' }),
  startingAmounts: (n) => ({ month: '2026-11', amount: 10000 + n, currency: 'USD' }),
  accounts: (n) => ({ name: `Checking ${n}`, currency: 'USD' }),
  transactions: (n) => ({
    accountId: FIXED_ID,
    date: '2026-11-02',
    amount: -1000 - n,
    currency: 'USD',
    payee: `Payee ${n}`,
    fingerprint: `fp-${n}`,
  }),
  payeeRules: (n) => ({ text: `ELECTRIC ${n}`, billId: FIXED_ID }),
  billMatchDismissals: () => ({
    transactionId: FIXED_ID,
    billId: FIXED_ID,
    dismissedOn: '2026-11-02',
  }),
  clients: (n) => ({ name: `Client ${n}`, rate: 9000, currency: 'EUR' }),
  projects: (n) => ({ name: `Project ${n}`, color: '#3366cc' }),
  tasks: (n) => ({ projectId: FIXED_ID, name: `Task ${n}` }),
  timeEntries: (n) => ({
    start: Date.UTC(2026, 10, 2, 9) + n * 60_000,
    end: Date.UTC(2026, 10, 2, 10) + n * 60_000,
    description: `Work ${n}`,
    tags: ['dev'],
  }),
  invoices: (n) => ({
    number: `2026-${String(n).padStart(4, '0')}`,
    clientId: FIXED_ID,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    currency: 'EUR',
  }),
  invoiceLines: (n) => ({
    invoiceId: FIXED_ID,
    description: `Line ${n}`,
    seconds: 3600,
    rate: 9000,
    amount: 9000,
  }),
  activities: (n) => ({
    name: `Run ${n}`,
    sport: 'running',
    start: Date.UTC(2026, 10, 1, 7) + n * 86_400_000,
    elapsedSeconds: 1800 + n,
    distanceMeters: 5000 + n,
  }),
  gear: (n) => ({ name: `Shoes ${n}`, kind: 'shoes' }),
  sourceFiles: (n) => ({
    contentHash: 'a'.repeat(63) + String(n % 10),
    fileName: `run-${n}.fit`,
    kind: 'fit',
    size: 1000 + n,
  }),
  activityMatchDismissals: () => ({
    activityIds: [FIXED_ID, FIXED_ID_2],
    dismissedAt: Date.UTC(2026, 10, 1),
  }),
};

/** Valid ids for references in samples. */
export const FIXED_ID = '01JD0000000000000000000000';
export const FIXED_ID_2 = '01JD0000000000000000000001';

export function build<N extends CollectionName>(
  name: N,
  n = 0,
  overrides: Partial<InputOf<N>> = {},
): NewRecord<N> {
  const make = sample[name] as (n: number) => NewRecord<N>;
  return { ...make(n), ...overrides };
}
