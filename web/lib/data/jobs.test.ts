// Round trips through the real store on a fresh in-memory IndexedDB: a filled app is backed up
// (plain and encrypted), the file is opened as the restore screen opens it, and restored into
// an empty app — every projection must come back equal. Exports are read back as a person's
// tools would: CSV text, the zip's files, the workbook through exceljs.
import ExcelJS from 'exceljs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collectionNames, collections, type CollectionName } from '@tally/model';
import { BACKUP_VERSION } from '@tally/model/backup';
import { fileStem } from '@tally/model/exports/tables';
import { build, testIds } from '@tally/model/testing';
import { openDb, projectionTables, type Row } from '../store/schema.ts';
import { Store } from '../store/store.ts';
import type { Kdf } from './crypto.ts';
import { eraseDevice } from './erase.ts';
import { runJob, type JobDeps } from './jobs.ts';
import type { FileOut, JobRequest, OpenedFile, Progress, TableOptions } from './protocol.ts';

const fastKdf: Kdf = { name: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const indexedDB = new IDBFactory();
let counter = 0;
const open: Store[] = [];

async function newStore(name?: string): Promise<Store> {
  const ids = testIds(100 + ++counter);
  const store = new Store({
    name: name ?? `data-test-${counter}`,
    indexedDB,
    IDBKeyRange,
    ids,
    now: () => ids.clock.now(),
    compactDelayMs: 0,
  });
  await store.open();
  open.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const yearly = new Set<CollectionName>(['payments', 'transactions', 'timeEntries', 'activities']);

/** Three records of every collection (yearly ones over three years), and settings. */
async function fill(store: Store): Promise<void> {
  for (const name of collectionNames) {
    for (let n = 0; n < 3; n++) {
      const at = yearly.has(name) ? Date.UTC(2024 + n, 5, 1) : undefined;
      const r = await store.create(name, build(name, n), at === undefined ? {} : { at });
      expect(r.ok, `${name} ${n}`).toBe(true);
    }
  }
  await store.updateSettings({ currency: 'EUR', timeZone: 'Europe/Paris' });
}

async function tables(store: Store): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const t of projectionTables) {
    const rows = await store.db[t].toArray();
    if (rows.length > 0) out[t] = rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

/** Every document's content, and its state vector (which changes of which device it holds). */
async function docsJson(
  store: Store,
): Promise<Record<string, { content: Record<string, unknown>; clocks: Map<number, number> }>> {
  const out: Record<string, { content: Record<string, unknown>; clocks: Map<number, number> }> = {};
  for (const { name, state } of await store.exportDocs()) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const content: Record<string, unknown> = {};
    for (const key of doc.share.keys()) content[key] = doc.getMap(key).toJSON();
    out[name] = { content, clocks: Y.decodeStateVector(Y.encodeStateVector(doc)) };
    doc.destroy();
  }
  return out;
}

function deps(progress: Progress[] = []): JobDeps {
  return {
    openDb: (name) => openDb(name, { indexedDB, IDBKeyRange }),
    progress: (p) => progress.push(p),
    kdf: fastKdf,
  };
}

async function file(request: JobRequest): Promise<FileOut> {
  const r = await runJob(request, deps());
  if (!r.ok) throw new Error(r.error.message);
  return r.value as FileOut;
}

async function opened(bytes: Uint8Array, passphrase?: string): Promise<OpenedFile> {
  const r = await runJob({ type: 'open-backup', bytes, passphrase }, deps());
  if (!r.ok) throw new Error(r.error.message);
  return r.value as OpenedFile;
}

async function backupOf(store: Store, passphrase?: string): Promise<FileOut> {
  return file({
    type: 'backup',
    docs: await store.exportDocs(),
    appVersion: '1.2.3',
    createdAt: Date.UTC(2026, 10, 22, 12),
    ...(passphrase !== undefined && { passphrase }),
  });
}

// Whole-app round trips: generous limits for a busy CI machine.
describe('backup → restore', { timeout: 60_000 }, () => {
  it('restores every record of a filled app into an empty one, exactly', async () => {
    const source = await newStore();
    await fill(source);
    const backup = await backupOf(source);
    expect(backup.type).toBe('application/json');
    expect(backup.records).toBe(collectionNames.length * 3);

    const file = await opened(backup.bytes);
    expect(file.encrypted).toBe(false);
    expect(file.contents.total).toBe(collectionNames.length * 3);
    expect(file.contents.collections.map((c) => [c.name, c.count])).toEqual(
      collectionNames.map((n) => [n, 3]),
    );
    expect(file.contents).toMatchObject({ appVersion: '1.2.3', hasSettings: true });

    const target = await newStore();
    const progress: [number, number][] = [];
    const restored = await target.restore(file.docs, (done, total) => progress.push([done, total]));
    expect(restored.ok).toBe(true);
    expect(progress.at(-1)).toEqual([file.docs.length, file.docs.length]);
    expect(await tables(target)).toEqual(await tables(source));
    expect(await target.docNames()).toEqual(await source.docNames());
  });

  it('export → erase → restore on the same device gives back identical documents', async () => {
    const store = await newStore();
    await fill(store);
    const name = store.db.name;
    const docsBefore = await docsJson(store);
    const tablesBefore = await tables(store);
    const backup = await backupOf(store);

    open.splice(open.indexOf(store), 1);
    await eraseDevice(store, { indexedDB, storages: [] });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);

    const again = await newStore(name);
    expect(await tables(again)).toEqual({});
    const restored = await again.restore((await opened(backup.bytes)).docs);
    expect(restored.ok).toBe(true);
    expect(await tables(again)).toEqual(tablesBefore);
    const docsAfter = await docsJson(again);
    expect(Object.keys(docsAfter).sort()).toEqual(Object.keys(docsBefore).sort());
    for (const [doc, before] of Object.entries(docsBefore)) {
      const after = docsAfter[doc];
      expect(after?.content, doc).toEqual(before.content);
      // Every change of the erased device is back. The only other one is this device's own
      // opening of each document (it stamps the same schema version), which changes no value.
      for (const [client, clock] of before.clocks) expect(after?.clocks.get(client), doc).toBe(clock);
      expect((after?.clocks.size ?? 0) - before.clocks.size, doc).toBeLessThanOrEqual(1);
    }
  });

  it('keeps device-only data out of backups and exports: kept files, the sync sign-in', async () => {
    const store = await newStore();
    await fill(store);
    const marker = 'KEPT-WORKOUT-FILE-CONTENT';
    await store.db.blobs.put({
      hash: 'f'.repeat(64),
      bytes: new TextEncoder().encode(marker),
      name: 'morning-run.fit',
      addedAt: 1,
    });
    await store.setLocal('sync.session', { server: 'https://sync.example', token: 'SECRET-TOKEN' });
    const options: TableOptions = {
      db: store.db.name,
      zone: 'UTC',
      currency: 'EUR',
      now: Date.UTC(2026, 10, 22),
      escapeFormulae: false,
    };
    const texts = [
      strFromU8((await backupOf(store)).bytes),
      ...Object.values(unzipSync((await file({ type: 'csv-zip', ...options })).bytes)).map((b) =>
        strFromU8(b),
      ),
      // A workbook is a zip of XML parts.
      ...Object.values(unzipSync((await file({ type: 'xlsx', ...options })).bytes)).map((b) =>
        strFromU8(b),
      ),
    ];
    for (const text of texts) {
      expect(text).not.toContain(marker);
      expect(text).not.toContain('morning-run.fit');
      expect(text).not.toContain('SECRET-TOKEN');
      expect(text).not.toContain('sync.example');
    }
  });

  it('reports progress document by document while building a backup', async () => {
    const store = await newStore();
    await fill(store);
    const docs = await store.exportDocs();
    const progress: Progress[] = [];
    const r = await runJob(
      { type: 'backup', docs, appVersion: '1', createdAt: 0, passphrase: 'a long passphrase' },
      deps(progress),
    );
    expect(r.ok).toBe(true);
    const building = progress.filter((p) => p.stage === 'building');
    expect(building.map((p) => p.done)).toEqual([0, ...docs.map((_, i) => i + 1)]);
    expect(progress.map((p) => p.stage)).toContain('encrypting');
    expect(progress.at(-1)).toMatchObject({ stage: 'encrypting', done: 1, total: 1 });
  });

  it('restoring the same backup again changes nothing', async () => {
    const source = await newStore();
    await fill(source);
    const file = await opened((await backupOf(source)).bytes);
    const target = await newStore();
    await target.restore(file.docs);
    const before = await tables(target);
    const updates = await target.db.updates.count();
    await target.restore((await opened((await backupOf(source)).bytes)).docs);
    expect(await tables(target)).toEqual(before);
    expect(await target.db.updates.count()).toBe(updates);
  });

  it('merges into an app that has data of its own, without duplicates', async () => {
    const source = await newStore();
    await fill(source);
    const target = await newStore();
    await target.create('bills', build('bills', 9, { name: 'Only here' }));
    await target.restore((await opened((await backupOf(source)).bytes)).docs);
    const bills = await target.db.bills.toArray();
    expect(bills).toHaveLength(4);
    expect(bills.filter((b) => b.name === 'Only here')).toHaveLength(1);
  });

  it('round-trips an encrypted backup', async () => {
    const source = await newStore();
    await fill(source);
    const sealed = await backupOf(source, 'a long passphrase');
    expect(sealed.kdf).toEqual(fastKdf);
    expect(strFromU8(sealed.bytes.subarray(0, 8))).toBe('TALLYENC');

    const needs = await runJob({ type: 'open-backup', bytes: sealed.bytes }, deps());
    expect(needs).toMatchObject({ ok: false, error: { kind: 'needs-passphrase' } });

    const file = await opened(sealed.bytes, 'a long passphrase');
    expect(file.encrypted).toBe(true);
    const target = await newStore();
    await target.restore(file.docs);
    expect(await tables(target)).toEqual(await tables(source));
  });

  it('says so when the passphrase is wrong, and when the file was changed', async () => {
    const source = await newStore();
    await fill(source);
    const sealed = await backupOf(source, 'right');
    expect(await runJob({ type: 'open-backup', bytes: sealed.bytes, passphrase: 'wrong' }, deps())).toMatchObject({
      ok: false,
      error: { kind: 'wrong-passphrase', message: expect.stringContaining('passphrase') as unknown },
    });
    const tampered = sealed.bytes.slice();
    tampered[tampered.length - 100]! ^= 1;
    expect(await runJob({ type: 'open-backup', bytes: tampered, passphrase: 'right' }, deps())).toMatchObject({
      ok: false,
      error: { kind: 'damaged' },
    });
  });

  it.each([
    ['cut short', (b: Uint8Array) => b.subarray(0, Math.floor(b.length * 0.6)), 'not-a-backup'],
    ['not text at all', () => new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'not-a-backup'],
    [
      'of a newer format',
      (b: Uint8Array) =>
        new TextEncoder().encode(
          strFromU8(b).replace(`"formatVersion":${BACKUP_VERSION}`, `"formatVersion":${BACKUP_VERSION + 1}`),
        ),
      'newer-format',
    ],
    [
      'with a damaged document',
      (b: Uint8Array) => {
        const json = JSON.parse(strFromU8(b)) as { docs: { state: string }[] };
        json.docs[0]!.state = json.docs[0]!.state.slice(0, 12);
        return new TextEncoder().encode(JSON.stringify(json));
      },
      'corrupt',
    ],
  ])('refuses a backup %s with a clear message', async (_what, damage, kind) => {
    const source = await newStore();
    await fill(source);
    const r = await runJob({ type: 'open-backup', bytes: damage((await backupOf(source)).bytes) }, deps());
    expect(r).toMatchObject({ ok: false, error: { kind } });
    if (kind === 'newer-format' && !r.ok)
      expect(r.error.message).toContain('made by a newer version of Tally');
  });
});

describe('exports', { timeout: 60_000 }, () => {
  async function filled(): Promise<{ store: Store; options: TableOptions }> {
    const store = await newStore();
    await fill(store);
    return {
      store,
      options: {
        db: store.db.name,
        zone: 'Europe/Paris',
        currency: 'EUR',
        now: Date.UTC(2026, 10, 22),
        escapeFormulae: false,
      },
    };
  }

  it('writes one collection as CSV with a header, a BOM and its rows', async () => {
    const { options } = await filled();
    const progress: Progress[] = [];
    const r = await runJob({ type: 'csv', collection: 'payments', ...options }, deps(progress));
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value as FileOut;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(out.bytes);
    expect(text.startsWith('\uFEFFId,Date,Bill,Bill id')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4);
    const amount = rows[0]!.indexOf('Amount');
    expect(rows.slice(1).map((row) => row[amount])).toEqual(['10.00', '10.01', '10.02']);
    expect(progress.some((p) => p.stage === 'reading')).toBe(true);
    expect(progress.some((p) => p.stage === 'building')).toBe(true);
  });

  it('zips a CSV file for every collection, settings and a readme', async () => {
    const { options } = await filled();
    const out = await file({ type: 'csv-zip', ...options });
    const files = unzipSync(out.bytes);
    expect(Object.keys(files).sort()).toEqual(
      [...collectionNames.map((n) => `${fileStem(n)}.csv`), 'settings.csv', 'README.txt'].sort(),
    );
    const entries = Papa.parse<string[]>(strFromU8(files['time-entries.csv']!), {
      skipEmptyLines: true,
    }).data;
    expect(entries).toHaveLength(4);
    expect(strFromU8(files['settings.csv']!)).toContain('timeZone,Europe/Paris');
    // Index-only fields of the projection are not part of the records.
    expect(strFromU8(files['activities.csv']!)).not.toContain('sourceHashes');
  });

  it('writes a workbook with a typed sheet per collection, read back by exceljs', async () => {
    const { options } = await filled();
    const out = await file({ type: 'xlsx', ...options });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      ...collectionNames.map((n) => collections[n].label),
      'Settings',
    ]);
    const payments = workbook.getWorksheet('Payments');
    if (!payments) throw new Error('no Payments sheet');
    const headers = (payments.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['Id', 'Date', 'Bill', 'Bill id']);
    expect(payments.rowCount).toBe(4);
    const col = (name: string) => headers.indexOf(name) + 1;
    const date = payments.getRow(2).getCell(col('Date'));
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    expect(date.value).toEqual(new Date(Date.UTC(2026, 10, 1)));
    const amount = payments.getRow(2).getCell(col('Amount'));
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(10);
    expect(amount.numFmt).toBe('[$USD] #,##0.00');
    const failed = payments.getRow(2).getCell(col('Autopay failed'));
    expect(failed.type).toBe(ExcelJS.ValueType.Boolean);
    expect(failed.value).toBe(false);

    const entries = workbook.getWorksheet('Time entries');
    if (!entries) throw new Error('no Time entries sheet');
    const entryHeaders = (entries.getRow(1).values as unknown[]).slice(1);
    const start = entries.getRow(2).getCell(entryHeaders.indexOf('Start') + 1);
    expect(start.type).toBe(ExcelJS.ValueType.Date);
    // 2026-11-02 09:00 UTC is 10:00 in Paris: the sheet shows the user's wall clock.
    expect(start.value).toEqual(new Date(Date.UTC(2026, 10, 2, 10)));
  });
});
