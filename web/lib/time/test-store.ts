// A store on a fresh in-memory IndexedDB for the time module's tests, and a way to pass one
// device's documents to another, as sync would.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import * as Y from 'yjs';
import { testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';

let counter = 0;
const REMOTE = Symbol('test-remote');

export interface TestStore {
  store: Store;
  ids: ReturnType<typeof testIds>;
}

export async function testStore(start?: number): Promise<TestStore> {
  const n = ++counter;
  const ids = testIds(1000 + n);
  if (start !== undefined) ids.clock.set(start);
  const store = new Store({
    name: `tally-time-test-${n}`,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    ids,
    now: () => ids.clock.now(),
    compactDelayMs: 0,
  });
  await store.open();
  return { store, ids };
}

/** Merges every document of `from` into `to`, and waits until `to` has stored and projected it. */
export async function deliver(from: Store, to: Store): Promise<void> {
  for (const name of await from.docNames()) {
    const update = await from.encodedState(name);
    Y.applyUpdate(await to.doc(name), update, REMOTE);
  }
  await to.flushed();
}
