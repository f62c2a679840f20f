import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from './collection.ts';
import { allRecords, changedRecords, collectionsIn, project, type Changed } from './projection.ts';
import { SettingsMap } from './settings.ts';
import { build, testIds } from './testing.ts';

function capture(doc: Y.Doc): Changed[] {
  const seen: Changed[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(changedRecords(tr)));
  return seen;
}

describe('collectionsIn', () => {
  it('lists the collections each document holds', () => {
    expect(collectionsIn('bills')).toEqual(
      expect.arrayContaining([
        'categories',
        'bills',
        'monthlyOverrides',
        'incomes',
        'accounts',
        'payeeRules',
      ]),
    );
    expect(collectionsIn('bills')).not.toContain('payments');
    expect(collectionsIn('payments.2026')).toEqual(['payments']);
    expect(collectionsIn('time-entries.2024')).toEqual(['timeEntries']);
    expect(collectionsIn('activities.2024')).toEqual(['activities']);
    expect(collectionsIn('activities')).toEqual(['gear', 'sourceFiles', 'activityMatchDismissals']);
    expect(collectionsIn('nope')).toEqual([]);
  });
});

describe('changedRecords', () => {
  it('names the records a transaction created, edited or deleted', () => {
    const ids = testIds(1);
    const doc = new Y.Doc();
    const seen = capture(doc);
    const bills = new Collection(doc, 'bills', 'bills', 'l');
    const cats = new Collection(doc, 'bills', 'categories', 'l');
    const [a, b, c] = [ids.next(), ids.next(), ids.next()];
    bills.createMany([
      { id: a, input: build('bills', 1) },
      { id: b, input: build('bills', 2) },
    ]);
    cats.create(c, build('categories', 1));
    bills.update(a, { amount: 1 });
    bills.remove(b);
    expect(seen).toEqual([
      new Map([['bills', new Set([a, b])]]),
      new Map([['categories', new Set([c])]]),
      new Map([['bills', new Set([a])]]),
      new Map([['bills', new Set([b])]]),
    ]);
  });

  it('sees changes that arrive from another document', () => {
    const ids = testIds(2);
    const source = new Y.Doc();
    const id = ids.next();
    new Collection(source, 'bills', 'bills', 'l').create(id, build('bills', 1));
    const target = new Y.Doc();
    const seen = capture(target);
    Y.applyUpdate(target, Y.encodeStateAsUpdate(source), 'remote');
    expect(seen).toEqual([new Map([['bills', new Set([id])]])]);
  });

  it('reports settings as one row', () => {
    const doc = new Y.Doc();
    const seen = capture(doc);
    new SettingsMap(doc, 'l').update({ currency: 'EUR' });
    expect(seen).toEqual([new Map([['settings', new Set(['settings'])]])]);
  });

  it('ignores maps that are not collections', () => {
    const doc = new Y.Doc();
    const seen = capture(doc);
    doc.getMap('_meta').set('schemaVersion', 1);
    expect(seen).toEqual([new Map()]);
  });
});

describe('project', () => {
  it('puts valid rows, deletes removed and unreadable ones, and reports rejects', () => {
    const ids = testIds(3);
    const doc = new Y.Doc();
    const bills = new Collection(doc, 'bills', 'bills', 'l');
    const [good, gone, broken] = [ids.next(), ids.next(), ids.next()];
    bills.createMany([good, gone, broken].map((id, n) => ({ id, input: build('bills', n) })));
    bills.remove(gone);
    (bills.map.get(broken) as Y.Map<unknown>).set('cycle', 'sometimes');
    const [delta] = project(doc, 'bills', new Map([['bills', new Set([good, gone, broken])]]));
    expect(delta?.puts.map((r) => r.id)).toEqual([good]);
    expect(delta?.deletes).toEqual([gone, broken]);
    expect(delta?.rejects.map((r) => r.id)).toEqual([broken]);
  });

  it('projects settings with its defaults', () => {
    const doc = new Y.Doc();
    const [delta] = project(doc, 'settings', allRecords(doc, 'settings'));
    expect(delta?.puts).toEqual([expect.objectContaining({ id: 'settings', currency: 'USD' })]);
  });
});
