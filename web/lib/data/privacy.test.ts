// The privacy page against the database the app really opens: every table is either a
// collection's projection (listed by module), part of the documents (what syncs and what a
// backup holds), or named in the page's device-only list.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb, projectionTables } from '../store/schema.ts';
import { deviceOnly, deviceOnlyItems, documentTables, sentItems } from './privacy.ts';

describe('the privacy page’s storage lists', () => {
  it.each([false, true])(
    'account for every table of the app’s database (kept files synced: %s)',
    async (syncKeptFiles) => {
      const db = openDb('privacy-test', { indexedDB: new IDBFactory(), IDBKeyRange });
      await db.open();
      const actual = db.tables.map((t) => t.name).sort();
      db.close();
      const described = new Set<string>([
        ...projectionTables,
        ...documentTables,
        ...deviceOnlyItems(syncKeptFiles).flatMap((item) => item.tables),
        ...sentItems(syncKeptFiles).flatMap((item) => item.tables),
      ]);
      expect(actual).toEqual([...described].sort());
    },
  );

  it.each([false, true])(
    'list kept files in one place only: device-only when not synced, sent when synced (%s)',
    (syncKeptFiles) => {
      const here = deviceOnlyItems(syncKeptFiles).filter((item) => item.tables.includes('blobs'));
      const sent = sentItems(syncKeptFiles).filter((item) => item.tables.includes('blobs'));
      expect(here.map((i) => i.id)).toEqual(syncKeptFiles ? [] : ['kept-files']);
      expect(sent.map((i) => i.id)).toEqual(syncKeptFiles ? ['kept-files-synced'] : []);
      for (const item of sent) expect(item.text).toMatch(/sync server/);
    },
  );

  it('say where the projections are (the working copies), once', () => {
    expect(deviceOnly.filter((item) => item.projections)).toHaveLength(1);
    const ids = deviceOnly.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never put the documents among the device-only tables', () => {
    const deviceOnlyTables = new Set(deviceOnly.flatMap((item) => item.tables));
    for (const table of documentTables) expect(deviceOnlyTables.has(table), table).toBe(false);
  });
});
