import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_VERSION, createBackup, toBase64 } from '../backup.ts';
import { Collection } from '../collection.ts';
import { ok, err } from '../result.ts';
import { build, testIds } from '../testing.ts';
import { backupContents } from './contents.ts';
import { openBackup, upgradeBackup, type BackupMigration } from './migrate.ts';

function sampleBackup() {
  const ids = testIds(3);
  const doc = new Y.Doc();
  const bills = new Collection(doc, 'bills', 'bills', 'l');
  bills.create(ids.next(), build('bills', 1));
  bills.create(ids.next(), build('bills', 2));
  new Collection(doc, 'bills', 'categories', 'l').create(ids.next(), build('categories', 1));
  const state = Y.encodeStateAsUpdate(doc);
  return {
    state,
    backup: createBackup([{ name: 'bills', state }], '1.2.3', Date.UTC(2026, 10, 22)),
  };
}

/**
 * A made-up "version 0" for testing the mechanism (no Tally ever wrote it): documents as an
 * object from name to state, and no JSON rendering of records.
 */
const v0ToV1: BackupMigration = {
  from: 0,
  migrate(json) {
    const docs = json.documents;
    if (typeof docs !== 'object' || docs === null) return err('it has no documents');
    const { documents: _dropped, ...rest } = json;
    return ok({
      ...rest,
      docs: Object.entries(docs as Record<string, string>).map(([name, state]) => ({
        name,
        state,
      })),
      records: {},
    });
  },
};

describe('openBackup', () => {
  it('opens the current format without changing it', () => {
    const { backup, state } = sampleBackup();
    const opened = openBackup(JSON.stringify(backup));
    expect(opened).toMatchObject({ ok: true });
    if (!opened.ok) return;
    expect(opened.value.docs).toEqual([{ name: 'bills', state }]);
    expect(opened.value.migratedFrom).toBeUndefined();
  });

  it('opens the current format written with other spacing or key order', () => {
    const { backup } = sampleBackup();
    const { format, ...rest } = backup;
    const text = JSON.stringify({ ...rest, format }, null, 2);
    expect(openBackup(text)).toMatchObject({ ok: true });
  });

  it('refuses a newer format version, saying which', () => {
    const { backup } = sampleBackup();
    const text = JSON.stringify({ ...backup, formatVersion: BACKUP_VERSION + 1 });
    expect(openBackup(text)).toEqual({
      ok: false,
      error: { kind: 'newer-format', formatVersion: BACKUP_VERSION + 1, supported: BACKUP_VERSION },
    });
  });

  it('brings an older format up to date through the migration steps', () => {
    const { state } = sampleBackup();
    const v0 = {
      format: 'tally-backup',
      formatVersion: 0,
      appVersion: '0.0.1',
      createdAt: '2025-01-01T00:00:00.000Z',
      documents: { bills: toBase64(state) },
    };
    const opened = openBackup(JSON.stringify(v0), [v0ToV1]);
    expect(opened).toMatchObject({ ok: true, value: { migratedFrom: 0 } });
    if (opened.ok) expect(opened.value.docs).toEqual([{ name: 'bills', state }]);
  });

  it('refuses an older version no step reads', () => {
    const text = JSON.stringify({ format: 'tally-backup', formatVersion: 0 });
    expect(openBackup(text)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringContaining('format version 0') as unknown },
    });
  });

  it('reports a step that cannot read its file', () => {
    const text = JSON.stringify({ format: 'tally-backup', formatVersion: 0 });
    expect(openBackup(text, [v0ToV1])).toMatchObject({
      ok: false,
      error: {
        kind: 'corrupt',
        message: expect.stringContaining('it has no documents') as unknown,
      },
    });
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, Math.floor(t.length / 2)), 'not-a-backup'],
    ['another JSON file', () => '[1, 2]', 'not-a-backup'],
    ['without a version', () => '{"format":"tally-backup"}', 'corrupt'],
  ])('refuses a file %s', (_what, damage, kind) => {
    const text = damage(JSON.stringify(sampleBackup().backup));
    expect(openBackup(text)).toMatchObject({ ok: false, error: { kind } });
  });
});

describe('upgradeBackup', () => {
  it('runs steps in order until the current version', () => {
    const seen: number[] = [];
    const step = (from: number): BackupMigration => ({
      from,
      migrate: (json) => {
        seen.push(from);
        return ok({ ...json, [`step${from}`]: true });
      },
    });
    const r = upgradeBackup({ format: 'tally-backup', formatVersion: 1 }, [step(2), step(1)], 3);
    expect(seen).toEqual([1, 2]);
    expect(r).toEqual({
      ok: true,
      value: { format: 'tally-backup', formatVersion: 3, step1: true, step2: true },
    });
  });
});

describe('backupContents', () => {
  it('counts the records of each collection, in registry order', () => {
    const { backup } = sampleBackup();
    backup.records.somethingNew = [{ id: 'x' }];
    expect(backupContents(backup)).toEqual({
      appVersion: '1.2.3',
      createdAt: '2026-11-22T00:00:00.000Z',
      formatVersion: BACKUP_VERSION,
      documents: 1,
      collections: [
        { name: 'categories', label: 'Bill categories', module: 'bills', count: 1 },
        { name: 'bills', label: 'Bills', module: 'bills', count: 2 },
      ],
      hasSettings: false,
      unknown: [{ name: 'somethingNew', count: 1 }],
      total: 3,
    });
  });
});
