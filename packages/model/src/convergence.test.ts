// Randomised convergence: N replicas make random creates, updates and deletes across several
// collections and documents while their updates are delivered in random order, and replicas drop
// off and come back (catching up through state vectors, as the wire protocol does). At the end,
// every replica holds the same documents, and each replica's incrementally maintained projection
// equals the projection rebuilt from its documents. Seeded; the seed is printed on failure.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from './collection.ts';
import type { CollectionName } from './collections.ts';
import { allRecords, changedRecords, project, type ProjectionDelta } from './projection.ts';
import { SettingsMap } from './settings.ts';
import { build, prng, testIds } from './testing.ts';

const DOCS: { name: string; collections: CollectionName[] }[] = [
  { name: 'bills', collections: ['bills', 'categories', 'monthlyOverrides'] },
  { name: 'time-entries.2026', collections: ['timeEntries'] },
  { name: 'activities', collections: ['gear'] },
  { name: 'settings', collections: [] },
];

type Tables = Map<string, Map<string, unknown>>;

/** A document's content without the empty top-level maps that merely reading defines. */
function content(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc.toJSON()).filter(([, v]) => Object.keys(v as object).length > 0),
  );
}

/** Tables without the empty ones, for comparison. */
function nonEmpty(tables: Tables): Tables {
  return new Map<string, Map<string, unknown>>([...tables].filter(([, rows]) => rows.size > 0));
}

function applyDeltas(tables: Tables, deltas: ProjectionDelta[]): void {
  for (const d of deltas) {
    let table = tables.get(d.table);
    if (!table) tables.set(d.table, (table = new Map<string, unknown>()));
    for (const id of d.deletes) table.delete(id);
    for (const row of d.puts) table.set(row.id as string, row);
  }
}

class Replica {
  readonly docs = new Map<string, Y.Doc>();
  readonly projection: Tables = new Map();
  online = true;
  readonly index: number;

  constructor(index: number, send: (from: number, doc: string, update: Uint8Array) => void) {
    this.index = index;
    for (const { name } of DOCS) {
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') send(index, name, update);
      });
      doc.on('afterTransaction', (tr: Y.Transaction) => {
        applyDeltas(this.projection, project(doc, name, changedRecords(tr)));
      });
      this.docs.set(name, doc);
    }
  }

  doc(name: string): Y.Doc {
    const doc = this.docs.get(name);
    if (!doc) throw new Error(name);
    return doc;
  }

  rebuilt(): Tables {
    const tables: Tables = new Map();
    for (const [name, doc] of this.docs)
      applyDeltas(tables, project(doc, name, allRecords(doc, name)));
    return tables;
  }
}

function run(seed: number, replicaCount: number, steps: number): void {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const ids = testIds(seed);
  const inFlight: { to: number; doc: string; update: Uint8Array }[] = [];
  const replicas: Replica[] = [];
  const send = (from: number, doc: string, update: Uint8Array): void => {
    if (!replicas[from]?.online) return; // offline: the peer catches up on reconnect
    for (const r of replicas)
      if (r.index !== from && r.online) inFlight.push({ to: r.index, doc, update });
  };
  for (let i = 0; i < replicaCount; i++) replicas.push(new Replica(i, send));

  const catchUp = (a: Replica, b: Replica): void => {
    for (const { name } of DOCS) {
      const da = a.doc(name);
      const db = b.doc(name);
      Y.applyUpdate(db, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)), 'remote');
      Y.applyUpdate(da, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)), 'remote');
    }
  };

  const knownIds = new Map<CollectionName, string[]>();
  for (let step = 0; step < steps; step++) {
    const r = pick(replicas);
    const action = random();
    if (action < 0.45) {
      const { name: docName, collections } = pick(DOCS.filter((d) => d.collections.length > 0));
      const name = pick(collections);
      const c = new Collection(r.doc(docName), docName, name, 'local');
      const known = knownIds.get(name) ?? [];
      const roll = random();
      if (roll < 0.4 || known.length === 0) {
        const id =
          docName === 'time-entries.2026' ? ids.next(Date.UTC(2026, 0, 1) + step) : ids.next();
        c.create(id, build(name, step));
        knownIds.set(name, [...known, id]);
      } else if (roll < 0.85) {
        const id = pick(known);
        if (name === 'bills')
          c.update(id, random() < 0.5 ? { amount: step } : { notes: `n${step}` });
        else if (name === 'categories') c.update(id, { name: `C${step}` });
        else if (name === 'monthlyOverrides') c.update(id, { skip: random() < 0.5 });
        else if (name === 'timeEntries')
          c.update(id, { description: `d${step}`, tags: [`t${step % 3}`] });
        else if (name === 'gear') c.update(id, { retired: random() < 0.5 });
      } else {
        c.remove(pick(known));
      }
    } else if (action < 0.5) {
      new SettingsMap(r.doc('settings'), 'local').update(
        random() < 0.5 ? { weekStart: step % 7 } : { currency: pick(['EUR', 'USD', 'JPY']) },
      );
    } else if (action < 0.85) {
      // Deliver a few in-flight updates, in random order.
      for (let k = 0; k < 3 && inFlight.length > 0; k++) {
        const [msg] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
        const target = msg && replicas[msg.to];
        if (msg && target?.online) Y.applyUpdate(target.doc(msg.doc), msg.update, 'remote');
      }
    } else if (action < 0.93) {
      if (r.online) {
        r.online = false;
        // What was in flight to it is lost with the connection.
        for (let k = inFlight.length - 1; k >= 0; k--)
          if (inFlight[k]?.to === r.index) inFlight.splice(k, 1);
      }
    } else if (!r.online) {
      r.online = true;
      for (const other of replicas) if (other !== r && other.online) catchUp(r, other);
    }
  }

  for (const r of replicas) r.online = true;
  while (inFlight.length > 0) {
    const [msg] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
    if (msg) Y.applyUpdate(replicas[msg.to]!.doc(msg.doc), msg.update, 'remote');
  }
  for (const a of replicas) for (const b of replicas) if (a !== b) catchUp(a, b);

  const first = replicas[0]!;
  for (const r of replicas) {
    for (const { name } of DOCS) {
      expect(content(r.doc(name)), `doc ${name} on replica ${r.index}`).toEqual(
        content(first.doc(name)),
      );
      expect(Y.encodeStateVector(r.doc(name))).toEqual(Y.encodeStateVector(first.doc(name)));
    }
    expect(nonEmpty(r.projection), `projection on replica ${r.index}`).toEqual(
      nonEmpty(r.rebuilt()),
    );
    expect(nonEmpty(r.projection)).toEqual(nonEmpty(first.projection));
  }
}

describe('convergence', () => {
  const base = Number(process.env.CONVERGENCE_SEED ?? 20261122);
  const seeds = Array.from({ length: 40 }, (_, i) => base + i);
  it.each(seeds)('seed %i: replicas and projections converge', (seed) => {
    const replicaCount = 3 + (seed % 3);
    try {
      run(seed, replicaCount, 400);
    } catch (error) {
      console.error(`convergence failed: CONVERGENCE_SEED=${seed} (${replicaCount} replicas)`);
      throw error;
    }
  });
});
