// Erasing this device's data: the store's database (documents, projections, kept files, the
// sync session), any other IndexedDB database of this site, Cache Storage except the app shell
// that the service worker precached (so Tally still opens offline), and web storage.
import type { Store } from '../store/store.ts';

/** Set in sessionStorage across the reload after an erase, so the page can say it happened. */
export const ERASED_FLAG = 'tally.erased';

export interface EraseEnvironment {
  indexedDB?: Pick<IDBFactory, 'deleteDatabase'> & { databases?: IDBFactory['databases'] };
  caches?: Pick<CacheStorage, 'keys' | 'delete'>;
  storages?: Pick<Storage, 'clear'>[];
}

/** Caches of the app shell: the service worker's precache (Workbox names them so). */
export function isAppShellCache(name: string): boolean {
  return name.startsWith('workbox-precache');
}

function browserEnvironment(): EraseEnvironment {
  const storages: Storage[] = [];
  try {
    storages.push(localStorage, sessionStorage);
  } catch {
    // Storage blocked for this site: nothing to clear.
  }
  return {
    indexedDB: typeof indexedDB === 'undefined' ? undefined : indexedDB,
    caches: typeof caches === 'undefined' ? undefined : caches,
    storages,
  };
}

function deleteDatabase(factory: NonNullable<EraseEnvironment['indexedDB']>, name: string) {
  return new Promise<void>((resolve) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still has it open: it is deleted once that tab lets go (tabs reload on erase).
    request.onblocked = () => resolve();
  });
}

/** Erases everything Tally keeps on this device. The store cannot be used afterwards. */
export async function eraseDevice(
  store: Store,
  env: EraseEnvironment = browserEnvironment(),
): Promise<void> {
  await store.eraseAll();
  if (env.indexedDB?.databases) {
    const others = await env.indexedDB.databases().catch(() => []);
    for (const db of others) if (db.name) await deleteDatabase(env.indexedDB, db.name);
  }
  if (env.caches) {
    for (const name of await env.caches.keys()) {
      if (!isAppShellCache(name)) await env.caches.delete(name);
    }
  }
  for (const storage of env.storages ?? []) storage.clear();
}
