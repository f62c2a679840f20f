import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { build, testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import { eraseDevice, isAppShellCache } from './erase.ts';

function fakeCaches(names: string[]) {
  const left = new Set(names);
  return {
    left,
    keys: () => Promise.resolve([...left]),
    delete: (name: string) => Promise.resolve(left.delete(name)),
  };
}

describe('eraseDevice', () => {
  it('deletes the database, other databases, caches but the app shell, and web storage', async () => {
    const indexedDB = new IDBFactory();
    const ids = testIds(5);
    const store = new Store({ name: 'tally', indexedDB, IDBKeyRange, ids, now: () => ids.clock.now() });
    await store.open();
    await store.create('bills', build('bills', 1));
    await store.setLocal('sync.session', { token: 'secret' });
    const other = indexedDB.open('someone-elses-db');
    await new Promise((resolve) => (other.onsuccess = resolve));
    other.result.close();
    const caches = fakeCaches(['workbox-precache-v2-https://x/', 'tally-tiles', 'images']);
    let cleared = 0;

    await eraseDevice(store, { indexedDB, caches, storages: [{ clear: () => void cleared++ }] });

    expect(await indexedDB.databases()).toEqual([]);
    expect([...caches.left]).toEqual(['workbox-precache-v2-https://x/']);
    expect(cleared).toBe(1);

    // A new start finds an empty app.
    const fresh = new Store({ name: 'tally', indexedDB, IDBKeyRange, ids, now: () => ids.clock.now() });
    await fresh.open();
    expect(await fresh.db.bills.count()).toBe(0);
    expect(await fresh.getLocal('sync.session')).toBeUndefined();
    await fresh.close();
  });

  it.each([
    ['workbox-precache-v2-https://tally.example/', true],
    ['workbox-runtime', false],
    ['tally-data', false],
  ])('keeps %s: %s', (name, kept) => {
    expect(isAppShellCache(name)).toBe(kept);
  });
});
