import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeWithFixtures, fixtureText } from '../../../../../tests/fixtures.ts';
import { Collection } from '../../collection.ts';
import { collections } from '../../collections.ts';
import { docNameFor } from '../../documents.ts';
import { testIds } from '../../testing.ts';
import { client, project, task } from '../testing.ts';
import type { Create } from '../writes.ts';
import {
  detectFormat,
  importCsv,
  plan,
  preview,
  type ImportContext,
  type ImportPlan,
} from './index.ts';

const TOGGL =
  'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n';
const toggl = (
  client: string,
  project: string,
  taskName = '',
  start = '09:00:00',
  end = '10:00:00',
) =>
  `Ann,a@x.org,${client},${project},${taskName},Work,Yes,2026-03-02,${start},2026-03-02,${end},,,\n`;

const empty: ImportContext = {
  zone: 'UTC',
  currency: 'EUR',
  clients: [],
  projects: [],
  tasks: [],
  entries: [],
};

/** Applies a plan to fresh documents, as the app would: each record in its own document. */
class Store {
  readonly docs = new Map<string, Y.Doc>();

  doc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) this.docs.set(name, (doc = new Y.Doc()));
    return doc;
  }

  write<N extends 'clients' | 'projects' | 'tasks' | 'timeEntries'>(
    name: N,
    items: readonly Create<N>[],
  ): void {
    for (const item of items) {
      const docName = docNameFor(collections[name].placement, item.id);
      const result = new Collection(this.doc(docName), docName, name, 'import').create(
        item.id,
        item.input,
      );
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    }
  }

  apply(p: ImportPlan): this {
    this.write('clients', p.clients);
    this.write('projects', p.projects);
    this.write('tasks', p.tasks);
    this.write('timeEntries', p.timeEntries);
    return this;
  }
}

describe('detectFormat', () => {
  it.each([
    [
      'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)',
      'toggl',
    ],
    [
      'Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)',
      'clockify',
    ],
    ['Date,Client,Project,Project Code,Task,Notes,Hours,Billable?', 'harvest'],
    ['date,amount,payee,notes', undefined],
  ])('%s → %s', (header, expected) => {
    expect(detectFormat(header.split(','))?.name).toBe(expected);
  });

  it('says what it found when the file is not an export it knows', () => {
    expect(preview('date,amount,payee\n2024-01-01,5,x\n', empty)).toEqual({
      ok: false,
      error:
        'This is not a Toggl Track, Clockify or Harvest detailed CSV export (its header has date, amount, payee…).',
    });
  });
});

describe('matching names to existing records', () => {
  const acme = client({ name: 'ACME Corp' });
  const site = project({ name: 'Website', clientId: acme.id, billable: false });
  const loose = project({ name: 'Research' });
  const design = task({ name: 'Design', projectId: site.id });
  const existing: ImportContext = {
    ...empty,
    clients: [acme],
    projects: [site, loose],
    tasks: [design],
  };

  it('matches clients, projects and tasks by name, ignoring case and spaces', () => {
    const text = TOGGL + toggl('  acme corp ', 'WEBSITE', 'design') + toggl('', 'research');
    const result = importCsv(text, existing, testIds(1));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.clients).toEqual([]);
    expect(result.value.projects).toEqual([]);
    expect(result.value.tasks).toEqual([]);
    expect(result.value.timeEntries.map((e) => [e.input.projectId, e.input.taskId])).toEqual([
      [site.id, design.id],
      [loose.id, undefined],
    ]);
  });

  it('lists what it will create, once each, under the right parent', () => {
    const text =
      TOGGL +
      toggl('Acme Corp', 'Mobile', 'Build') +
      toggl('acme corp', 'mobile', 'build') +
      toggl('Beta', 'Website') +
      toggl('', 'Website');
    const p = preview(text, existing);
    if (!p.ok) throw new Error(p.error);
    expect(p.value.newClients).toEqual(['Beta']);
    expect(p.value.newProjects).toEqual([
      { name: 'Mobile', client: 'Acme Corp' },
      { name: 'Website', client: 'Beta' },
    ]);
    expect(p.value.newTasks).toEqual([{ name: 'Build', project: 'Mobile' }]);

    const result = plan(p.value, existing, testIds(2));
    if (!result.ok) throw new Error('plan');
    const [mobile, betaSite] = result.value.projects;
    expect(mobile?.input).toEqual({ name: 'Mobile', clientId: acme.id, billable: true });
    expect(betaSite?.input.clientId).toBe(result.value.clients[0]?.id);
    expect(result.value.tasks[0]?.input.projectId).toBe(mobile?.id);
    // the row without a client found the one "Website" there was
    expect(result.value.timeEntries[3]?.input.projectId).toBe(site.id);
  });
});

describe('all or nothing', () => {
  it('returns only the errors when a row is bad', () => {
    const text = TOGGL + toggl('A', 'P') + toggl('A', 'P', '', '9 o’clock');
    expect(importCsv(text, empty, testIds(3))).toEqual({
      ok: false,
      error: [{ row: 3, message: 'Start time: "9 o’clock" is not a time of day' }],
    });
  });

  it('returns a file-level problem as an error on row 1', () => {
    expect(importCsv('', empty, testIds(3))).toEqual({
      ok: false,
      error: [{ row: 1, message: 'The file is empty.' }],
    });
  });
});

describe('re-importing', () => {
  it('adds nothing the second time, and only the new rows of a longer export', () => {
    const first = TOGGL + toggl('A', 'P') + toggl('A', 'P', '', '10:00:00', '11:00:00');
    const once = importCsv(first, empty, testIds(4));
    if (!once.ok) throw new Error('import');
    const stored = once.value.timeEntries.map((e) => ({ importKey: e.input.importKey }));

    const again = importCsv(first, { ...empty, entries: stored }, testIds(5));
    expect(again.ok && [again.value.timeEntries.length, again.value.duplicates]).toEqual([0, 2]);

    const longer = first + toggl('A', 'P', '', '12:00:00', '13:00:00');
    const more = importCsv(longer, { ...empty, entries: stored }, testIds(6));
    expect(more.ok && [more.value.timeEntries.length, more.value.duplicates]).toEqual([1, 2]);
  });

  it('keeps two identical rows of one file as two entries', () => {
    const result = importCsv(TOGGL + toggl('A', 'P') + toggl('A', 'P'), empty, testIds(7));
    const keys = result.ok ? result.value.timeEntries.map((e) => e.input.importKey) : [];
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it('matches a re-export with columns in another order', () => {
    const a = importCsv(TOGGL + toggl('A', 'P'), empty, testIds(8));
    const swapped =
      'Email,User,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n' +
      'a@x.org,Ann,A,P,,Work,Yes,2026-03-02,09:00:00,2026-03-02,10:00:00,,,12.00\n';
    const b = importCsv(swapped, empty, testIds(9));
    expect(a.ok && b.ok && a.value.timeEntries[0]?.input.importKey).toBe(
      b.ok ? b.value.timeEntries[0]?.input.importKey : 'x',
    );
  });
});

describeWithFixtures('importing every fixture into documents', () => {
  it.each([
    ['time/csv/toggl_detailed_2017-08_floresfdev.csv', 217, ['time-entries.2017']],
    ['time/csv/clockify_detailed_solidtime.csv', 2, ['time-entries.2024']],
    ['time/csv/harvest_detailed_solidtime.csv', 2, ['time-entries.2024']],
  ])(
    '%s: %i entries, each in its year’s document, none on the second run',
    (path, count, entryDocs) => {
      const ctx: ImportContext = { ...empty, zone: 'Europe/Berlin' };
      const result = importCsv(fixtureText(path), ctx, testIds(10));
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      const store = new Store().apply(result.value);
      const docs = store.docs;
      expect([...docs.keys()].filter((d) => d.startsWith('time-entries'))).toEqual(entryDocs);
      const entries = entryDocs.flatMap((d) =>
        new Collection(store.doc(d), d, 'timeEntries', 'test').all(),
      );
      expect(entries).toHaveLength(count);
      expect(entries.every((e) => e.source === 'import')).toBe(true);

      const timeDoc = store.doc('time');
      const again = importCsv(
        fixtureText(path),
        {
          ...ctx,
          clients: new Collection(timeDoc, 'time', 'clients', 'test').all(),
          projects: new Collection(timeDoc, 'time', 'projects', 'test').all(),
          tasks: new Collection(timeDoc, 'time', 'tasks', 'test').all(),
          entries,
        },
        testIds(11),
      );
      expect(again.ok && again.value).toMatchObject({
        clients: [],
        projects: [],
        tasks: [],
        timeEntries: [],
        duplicates: count,
      });
    },
  );
});
