import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from '../collection.ts';
import { prng, testIds } from '../testing.ts';
import { compareEntries, type TimeEntry } from './catalog.ts';
import { resolveRunning } from './conflicts.ts';
import { workedSeconds } from './durations.ts';
import { entry, H, M } from './testing.ts';
import * as timer from './timer.ts';
import type { EntryWrites } from './writes.ts';

const nine = Date.UTC(2026, 5, 1, 9);

/** The entries after applying a resolution's updates. */
function apply(
  entries: readonly TimeEntry[],
  updates: ReturnType<typeof resolveRunning>['updates'],
) {
  return entries.map((e) => {
    const u = updates.find((x) => x.id === e.id);
    return u ? { ...e, ...u.patch } : e;
  });
}

describe('resolveRunning', () => {
  it('the later start keeps running; the earlier one ends at its start', () => {
    const phone = entry({ start: nine, end: undefined, description: 'Email', source: 'timer' });
    const laptop = entry({
      start: nine + H,
      end: undefined,
      description: 'Design',
      source: 'timer',
    });
    const { updates, notice } = resolveRunning([laptop, phone]);
    expect(updates).toEqual([
      { id: phone.id, patch: { end: laptop.start, supersededBy: laptop.id } },
    ]);
    expect(notice).toMatchObject({
      kind: 'timers-resolved',
      keptId: laptop.id,
      stopped: [{ id: phone.id, end: laptop.start, byId: laptop.id, wasRunning: true }],
    });
    expect(notice?.message).toBe(
      'Only one timer can run at a time. “Email” was also running on another device; it now ends ' +
        'when “Design” started. “Design” keeps running.',
    );
  });

  it('is idempotent: a resolved state needs nothing more', () => {
    const a = entry({ start: nine, end: undefined, source: 'timer' });
    const b = entry({ start: nine + H, end: undefined, source: 'timer' });
    const c = entry({ start: nine + 2 * H, end: undefined, source: 'timer' });
    const first = resolveRunning([a, b, c]);
    expect(first.updates).toHaveLength(2);
    const after = apply([a, b, c], first.updates);
    expect(resolveRunning(after)).toEqual({ updates: [] });
  });

  it('breaks a tie of starts by id: the smaller id ends at once', () => {
    const [x, y] = [entry({ start: nine, end: undefined }), entry({ start: nine, end: undefined })];
    const [first, second] = x.id < y.id ? [x, y] : [y, x];
    const { updates, notice } = resolveRunning([second, first]);
    expect(updates).toEqual([{ id: first.id, patch: { end: nine, supersededBy: second.id } }]);
    expect(notice?.keptId).toBe(second.id);
  });

  it('moves an end earlier when a timer that started in between arrives later', () => {
    // A device saw only E1 and E3 and resolved; E2 (started between them) arrives afterwards.
    const e3 = entry({ start: nine + 2 * H, end: undefined, description: 'Three' });
    const e1 = entry({
      start: nine,
      end: e3.start,
      supersededBy: e3.id,
      description: 'One',
      source: 'timer',
    });
    const e2 = entry({ start: nine + H, end: undefined, description: 'Two', source: 'timer' });
    const { updates, notice } = resolveRunning([e1, e2, e3]);
    expect(updates).toEqual([
      { id: e1.id, patch: { end: e2.start, supersededBy: e2.id } },
      { id: e2.id, patch: { end: e3.start, supersededBy: e3.id } },
    ]);
    expect(notice?.stopped.map((s) => [s.id, s.wasRunning])).toEqual([
      [e1.id, false],
      [e2.id, true],
    ]);
    expect(notice?.message).toContain('“One” now ends earlier, when “Two” started');
  });

  it('cuts a measured entry that overlaps a later timer, as a start on one device would', () => {
    // Stopped on the phone at 11:00, but the laptop had started a timer at 10:00.
    const phone = entry({ start: nine, end: nine + 2 * H, source: 'timer' });
    const laptop = entry({ start: nine + H, end: undefined, source: 'timer' });
    expect(resolveRunning([phone, laptop]).updates).toEqual([
      { id: phone.id, patch: { end: laptop.start, supersededBy: laptop.id } },
    ]);
  });

  it('leaves pauses to the devices; durations cut them to the entry', () => {
    const winner = entry({ start: nine + 2 * H, end: undefined, source: 'timer' });
    const loser = entry({
      start: nine,
      end: undefined,
      source: 'timer',
      pauses: [{ start: nine + 30 * M, end: nine + 40 * M }, { start: nine + H }],
    });
    const { updates } = resolveRunning([winner, loser]);
    expect(updates).toEqual([
      { id: loser.id, patch: { end: winner.start, supersededBy: winner.id } },
    ]);
    const [after] = apply([loser], updates);
    // worked 9:00–10:00 minus the 10-minute break; the open pause counts to the new end
    expect(after && workedSeconds(after, nine + 5 * H)).toBe(50 * 60);
  });

  it('never touches entries typed by hand or imported, nor old measured ones in order', () => {
    const oldLoser = entry({ start: nine - 50 * H, source: 'timer' });
    const oldWinner = entry({ start: oldLoser.start, end: nine - 40 * H, source: 'timer' });
    const [a, b] = oldLoser.id < oldWinner.id ? [oldLoser, oldWinner] : [oldWinner, oldLoser];
    const settled = [
      { ...a, end: b.start, supersededBy: b.id },
      b,
      entry({ start: nine - H, end: nine + H, source: 'manual' }),
      entry({ start: nine - H, end: nine + 3 * H, source: 'import' }),
      entry({ start: nine, end: undefined, source: 'timer' }),
    ];
    expect(resolveRunning(settled)).toEqual({ updates: [] });
  });

  it('clears a stale mark when the entry ended before the next timer started', () => {
    // A device's partial view marked it; the user's own, earlier stop won the merge.
    const next = entry({ start: nine + 2 * H, end: undefined, source: 'timer' });
    const stale = entry({
      start: nine,
      end: nine + H,
      source: 'timer',
      supersededBy: testIds(99).next(),
    });
    expect(resolveRunning([stale, next])).toEqual({
      updates: [{ id: stale.id, patch: { supersededBy: undefined } }],
    });
  });

  it('has nothing to do with one timer or none', () => {
    expect(resolveRunning([])).toEqual({ updates: [] });
    expect(resolveRunning([entry({ end: undefined })])).toEqual({ updates: [] });
  });
});

// ---- Replicas: Y.Docs exchanging updates in random order, resolving at random moments ----

const DOC = 'time-entries.2026';

interface Message {
  to: number;
  update: Uint8Array;
}

class Replica {
  readonly doc = new Y.Doc();
  readonly entries: Collection<'timeEntries'>;
  readonly index: number;

  constructor(index: number, outbox: Message[], count: number) {
    this.index = index;
    this.entries = new Collection(this.doc, DOC, 'timeEntries', 'local');
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      for (let to = 0; to < count; to++) if (to !== index) outbox.push({ to, update });
    });
  }

  write(writes: EntryWrites): void {
    for (const c of writes.creates) expectOk(this.entries.create(c.id, c.input));
    for (const u of writes.updates) expectOk(this.entries.update(u.id, u.patch));
  }

  /** Runs conflict resolution on what this replica sees; returns how many updates it wrote. */
  resolve(notices: string[]): number {
    const { updates, notice } = resolveRunning(this.entries.all());
    this.write({ creates: [], updates });
    if (notice) notices.push(notice.message);
    return updates.length;
  }

  state() {
    return this.entries
      .all()
      .sort(compareEntries)
      .map((e) => ({
        id: e.id,
        start: e.start,
        end: e.end,
        supersededBy: e.supersededBy,
        pauses: e.pauses,
      }));
  }
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function expectOk(result: { ok: boolean; error?: unknown }): void {
  if (!result.ok) throw new Error(`write failed: ${JSON.stringify(result.error)}`);
}

function scenario(seed: number, replicaCount: number): void {
  const random = prng(seed);
  const outbox: Message[] = [];
  const replicas = Array.from(
    { length: replicaCount },
    (_, i) => new Replica(i, outbox, replicaCount),
  );
  const notices: string[] = [];
  /** One update, picked at random among those in flight, reaches its replica. */
  const deliverOne = (): void => {
    const [message] = outbox.splice(Math.floor(random() * outbox.length), 1);
    const to = message && replicas[message.to];
    if (message && to) Y.applyUpdate(to.doc, message.update, 'remote');
  };

  // Offline, every device starts a timer; some stopped another one first, some pause.
  for (const r of replicas) {
    const ids = testIds(seed * 31 + r.index);
    // A coarse grid of start times, so ties happen.
    const start = nine + Math.floor(random() * 6) * 15 * M;
    if (random() < 0.3)
      r.write(timer.start(r.entries.all(), { description: 'earlier' }, { now: start - H, ids }));
    r.write(
      timer.start(r.entries.all(), { description: `device ${r.index}` }, { now: start, ids }),
    );
    const running = timer.current(r.entries.all());
    if (!running) throw new Error('no timer');
    if (random() < 0.6) {
      const pauseAt = start + Math.floor(random() * 120) * M;
      const paused = timer.pause(running, pauseAt);
      if (paused.ok) r.write({ creates: [], updates: [paused.value] });
      if (random() < 0.5) {
        const now = r.entries.get(running.id);
        const resumed = now && timer.resume(now, pauseAt + Math.floor(random() * 60) * M);
        if (resumed?.ok) r.write({ creates: [], updates: [resumed.value] });
      }
    }
  }
  // What each device wrote offline, before anyone synced.
  const created = replicas.flatMap((r) => r.entries.all());

  // Deliver in random order; now and then a replica resolves with what it has so far.
  while (outbox.length > 0) {
    if (random() < 0.3) {
      replicas[Math.floor(random() * replicas.length)]?.resolve(notices);
      continue;
    }
    deliverOne();
  }
  // Then everyone resolves (in random order) until nobody has anything left to write.
  for (let round = 0; ; round++) {
    if (round > 10) throw new Error('resolution did not settle');
    let writes = 0;
    for (const r of shuffle(replicas, random)) writes += r.resolve(notices);
    while (outbox.length > 0) deliverOne();
    if (writes === 0) break;
  }

  // Every replica holds the same entries: every measured entry ends by the next one's start.
  const timed = [...created].sort(compareEntries);
  const expected = new Map(
    timed.map((e, i) => {
      const next = timed[i + 1];
      if (!next) return [e.id, { end: e.end, supersededBy: e.supersededBy, pauses: e.pauses }];
      const end = e.end === undefined ? next.start : Math.min(e.end, next.start);
      const supersededBy = end === next.start ? next.id : undefined;
      return [e.id, { end, supersededBy, pauses: e.pauses }];
    }),
  );
  const first = replicas[0]?.state();
  for (const r of replicas) expect(r.state()).toEqual(first);
  expect(
    new Map(
      first?.map((e) => [e.id, { end: e.end, supersededBy: e.supersededBy, pauses: e.pauses }]),
    ),
  ).toEqual(expected);
  expect(replicas.every((r) => timer.running(r.entries.all()).length === 1)).toBe(true);
  expect(notices.length).toBeGreaterThan(0);
}

describe('one running timer across replicas', () => {
  it.each([2, 3])('%i replicas converge on the same chain, whatever the order and timing', (n) => {
    for (let seed = 1; seed <= 100; seed++) {
      try {
        scenario(seed * 7919 + n, n);
      } catch (error) {
        throw new Error(`replicas ${n}, seed ${seed * 7919 + n}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  });

  it('two devices resolving the same state at once write the same values', () => {
    const outbox: Message[] = [];
    const [a, b] = [new Replica(0, outbox, 2), new Replica(1, outbox, 2)];
    if (!a || !b) throw new Error('replicas');
    a.write(timer.start([], { description: 'A' }, { now: nine, ids: testIds(1) }));
    b.write(timer.start([], { description: 'B' }, { now: nine + H, ids: testIds(2) }));
    for (const m of outbox.splice(0)) Y.applyUpdate((m.to === 0 ? a : b).doc, m.update, 'remote');
    const notices: string[] = [];
    expect(a.resolve(notices)).toBe(1);
    expect(b.resolve(notices)).toBe(1);
    expect(notices[0]).toBe(notices[1]);
    for (const m of outbox.splice(0)) Y.applyUpdate((m.to === 0 ? a : b).doc, m.update, 'remote');
    expect(a.state()).toEqual(b.state());
    expect(a.resolve(notices) + b.resolve(notices)).toBe(0);
    expect(timer.current(a.entries.all())?.description).toBe('B');
  });
});
