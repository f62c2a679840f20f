// The model's intended writes (creates and updates it returns) as the store's batch, so each
// operation lands all at once or not at all.
import type { CollectionName, time } from '@tally/model';
import type { Write } from '../store/store.ts';

type Create<N extends CollectionName> = time.writes.Create<N>;
type Update<N extends CollectionName> = time.writes.Update<N>;

export function creates<N extends CollectionName>(
  collection: N,
  items: readonly Create<N>[],
): Write[] {
  return items.map((c) => ({
    op: 'create',
    collection,
    id: c.id,
    data: c.input as Record<string, unknown>,
  }));
}

export function updates<N extends CollectionName>(
  collection: N,
  items: readonly Update<N>[],
): Write[] {
  return items.map((u) => ({
    op: 'update',
    collection,
    id: u.id,
    data: u.patch as Record<string, unknown>,
  }));
}

export function removes(collection: CollectionName, ids: readonly string[]): Write[] {
  return ids.map((id) => ({ op: 'remove', collection, id }));
}

/** A timer operation's writes: new entries first, then the changes to existing ones. */
export function entryWrites(w: time.writes.EntryWrites): Write[] {
  return [...creates('timeEntries', w.creates), ...updates('timeEntries', w.updates)];
}

/**
 * The writes that put records back as they were: removed ones re-created with their id (so they
 * return to the same document), updated ones given their old values, created ones removed.
 */
export function inverse(
  writes: readonly Write[],
  before: ReadonlyMap<string, Record<string, unknown>>,
): Write[] {
  const out: Write[] = [];
  for (const w of [...writes].reverse()) {
    const old = before.get(w.id);
    if (w.op === 'create') out.push({ op: 'remove', collection: w.collection, id: w.id });
    else if (w.op === 'remove' && old)
      out.push({ op: 'create', collection: w.collection, id: w.id, data: withoutId(old) });
    else if (w.op === 'update' && old) {
      const data: Record<string, unknown> = {};
      for (const key of Object.keys(w.data ?? {})) data[key] = old[key];
      out.push({ op: 'update', collection: w.collection, id: w.id, data });
    }
  }
  return out;
}

function withoutId(record: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = record;
  return rest;
}
