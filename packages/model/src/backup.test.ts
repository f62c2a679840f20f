import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBackup, readBackup, toBase64, BACKUP_VERSION } from './backup.ts';
import { Collection } from './collection.ts';
import { SettingsMap } from './settings.ts';
import { build, testIds } from './testing.ts';

function sampleDocs(): { name: string; state: Uint8Array }[] {
  const ids = testIds(1);
  const bills = new Y.Doc();
  new Collection(bills, 'bills', 'bills', 'l').create(ids.next(), build('bills', 1));
  const settings = new Y.Doc();
  new SettingsMap(settings, 'l').update({ currency: 'EUR' });
  return [
    { name: 'bills', state: Y.encodeStateAsUpdate(bills) },
    { name: 'settings', state: Y.encodeStateAsUpdate(settings) },
  ];
}

describe('backup', () => {
  it('round-trips document states exactly and renders records as JSON', () => {
    const docs = sampleDocs();
    const backup = createBackup(docs, '0.1.0', Date.UTC(2026, 10, 22));
    expect(backup.records.bills).toHaveLength(1);
    expect(backup.records.settings?.[0]).toMatchObject({ currency: 'EUR' });
    const read = readBackup(JSON.stringify(backup));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value.docs).toEqual(docs);
  });

  it('reports each document as it is done', () => {
    const progress: [number, number][] = [];
    createBackup(sampleDocs(), '0.1.0', 0, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it.each([
    ['not JSON', '{"format": "tally-bac', 'not-a-backup'],
    ['another JSON file', '{"hello": 1}', 'not-a-backup'],
    [
      'a newer format',
      JSON.stringify({ format: 'tally-backup', formatVersion: BACKUP_VERSION + 1 }),
      'newer-format',
    ],
  ])('refuses %s', (_what, text, kind) => {
    expect(readBackup(text)).toMatchObject({ ok: false, error: { kind } });
  });

  it.each([
    ['cut short', (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2))],
    ['garbage', () => new Uint8Array([1, 2, 3, 250, 251, 252, 253])],
  ])('refuses a document state that is %s', (_what, damage) => {
    const docs = sampleDocs();
    const backup = createBackup(docs, '0.1.0', 0);
    backup.docs[0] = { name: 'bills', state: toBase64(damage(docs[0]?.state ?? new Uint8Array())) };
    expect(readBackup(JSON.stringify(backup))).toMatchObject({
      ok: false,
      error: { kind: 'corrupt' },
    });
  });

  it('refuses unknown document names', () => {
    const backup = createBackup(sampleDocs(), '0.1.0', 0);
    backup.docs[0] = { name: '../../etc', state: backup.docs[0]?.state ?? '' };
    expect(readBackup(JSON.stringify(backup))).toMatchObject({
      ok: false,
      error: { kind: 'corrupt' },
    });
  });
});
