import { afterEach, describe, expect, it } from 'vitest';
import { documents, ids as idTools } from '@tally/model';
import * as tt from '@tally/model/time/testing';
import type { Store } from '../store/store.ts';
import * as actions from './actions.ts';
import { resolutionWindow, runningEntries } from './queries.ts';
import { Reconciler } from './reconcile.ts';
import { deliver, testStore } from './test-store.ts';
import { updates } from './writes.ts';

const { H, M } = tt;
const NOW = Date.UTC(2026, 10, 22, 9);
const settings = { currency: 'EUR' };
const open: Store[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup() {
  const t = await testStore(NOW);
  open.push(t.store);
  return t;
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('the timer', () => {
  it('starts a timer entry in this year’s document, with the project’s rate frozen on it', async () => {
    const { store } = await setup();
    const client = ok(await store.create('clients', { name: 'Acme', rate: 9000 }));
    const project = ok(await store.create('projects', { name: 'Site', clientId: client.id }));
    const id = ok(
      await actions.startTimer(
        store,
        { description: 'Write', projectId: project.id },
        NOW,
        settings,
      ),
    );
    expect(idTools.timeOf(id)).toBe(NOW);
    expect(documents.docNameFor({ kind: 'yearly', prefix: 'time-entries' }, id)).toBe(
      'time-entries.2026',
    );
    expect(await store.get('timeEntries', id)).toMatchObject({
      start: NOW,
      description: 'Write',
      projectId: project.id,
      source: 'timer',
      billable: true,
      rate: 9000,
      currency: 'EUR',
    });
    expect(actions.startedHere.has(id)).toBe(true);
  });

  it('stops the running timer when another starts', async () => {
    const { store } = await setup();
    const first = ok(await actions.startTimer(store, {}, NOW, settings));
    const second = ok(await actions.startTimer(store, { description: 'Next' }, NOW + H, settings));
    expect(await store.get('timeEntries', first)).toMatchObject({
      end: NOW + H,
      supersededBy: second,
    });
    expect((await runningEntries(store.db, NOW + H)).map((e) => e.id)).toEqual([second]);
  });

  it('pauses, resumes and stops; the paused time does not count', async () => {
    const { store } = await setup();
    const id = ok(await actions.startTimer(store, {}, NOW, settings));
    ok(await actions.pauseTimer(store, NOW + 10 * M));
    expect(await actions.pauseTimer(store, NOW + 11 * M)).toEqual({
      ok: false,
      error: 'The timer is already paused.',
    });
    ok(await actions.resumeTimer(store, NOW + 20 * M));
    ok(await actions.stopTimer(store, NOW + 30 * M));
    expect(await store.get('timeEntries', id)).toMatchObject({
      end: NOW + 30 * M,
      pauses: [{ start: NOW + 10 * M, end: NOW + 20 * M }],
    });
    expect(await actions.stopTimer(store, NOW + H)).toEqual({
      ok: false,
      error: 'No timer is running.',
    });
    expect(await actions.resumeTimer(store, NOW + H)).toEqual({
      ok: false,
      error: 'No timer is running.',
    });
  });

  it('continues a past entry as a new timer with its project, task, text and tags', async () => {
    const { store } = await setup();
    const project = ok(await store.create('projects', { name: 'Site', rate: 5000 }));
    const past = ok(
      await store.create(
        'timeEntries',
        {
          start: NOW - 2 * H,
          end: NOW - H,
          description: 'Review',
          projectId: project.id,
          tags: ['qa'],
          billable: false,
          rate: 4000,
        },
        { at: NOW - 2 * H },
      ),
    );
    const id = ok(await actions.continueEntry(store, past, NOW, settings));
    expect(await store.get('timeEntries', id)).toMatchObject({
      start: NOW,
      description: 'Review',
      projectId: project.id,
      tags: ['qa'],
      billable: false,
      rate: 5000,
    });
  });
});

describe('entries', () => {
  it('adds a manual entry to the document of its own year', async () => {
    const { store } = await setup();
    const start = Date.UTC(2025, 11, 31, 22);
    const id = ok(
      await actions.addManualEntry(store, { start, end: start + H, description: 'NYE' }, settings),
    );
    expect(idTools.timeOf(id)).toBe(start);
    expect(await store.docNames()).toContain('time-entries.2025');
    expect(await store.get('timeEntries', id)).toMatchObject({ source: 'manual', end: start + H });
    expect(await actions.addManualEntry(store, { start, end: start - 1 }, settings)).toEqual({
      ok: false,
      error: 'An entry cannot end before it starts.',
    });
  });

  it('edits times by hand: the entry becomes manual', async () => {
    const { store } = await setup();
    const id = ok(await actions.startTimer(store, {}, NOW, settings));
    ok(await actions.stopTimer(store, NOW + H));
    const entry = await store.get('timeEntries', id);
    if (!entry) throw new Error('missing');
    ok(await actions.editTimes(store, entry, { start: NOW + 15 * M, end: NOW + 2 * H }));
    expect(await store.get('timeEntries', id)).toMatchObject({
      start: NOW + 15 * M,
      end: NOW + 2 * H,
      source: 'manual',
    });
    expect((await actions.editTimes(store, entry, { end: NOW - H })).ok).toBe(false);
  });

  it('deletes entries and brings them back whole with undo', async () => {
    const { store } = await setup();
    const a = ok(
      await store.create(
        'timeEntries',
        {
          start: NOW,
          end: NOW + H,
          description: 'A',
          tags: ['x'],
          pauses: [{ start: NOW + M, end: NOW + 2 * M }],
        },
        { at: NOW },
      ),
    );
    const undo = ok(await actions.deleteEntries(store, [a.id]));
    expect(await store.get('timeEntries', a.id)).toBeUndefined();
    expect(await store.db.timeEntries.get(a.id)).toBeUndefined();
    ok(await store.apply(undo));
    expect(await store.get('timeEntries', a.id)).toEqual(a);
  });

  it('undoes an update to the old values, clearing fields that were absent', async () => {
    const { store } = await setup();
    const a = ok(await store.create('timeEntries', { start: NOW, end: NOW + H }, { at: NOW }));
    const undo = ok(
      await actions.applyWithUndo(store, [
        {
          op: 'update',
          collection: 'timeEntries',
          id: a.id,
          data: { end: NOW + 2 * H, description: 'x' },
        },
      ]),
    );
    ok(await store.apply(undo));
    expect(await store.get('timeEntries', a.id)).toEqual(a);
  });
});

describe('one timer across two devices', () => {
  it('converges on the later timer, on both devices, whoever resolves first', async () => {
    const phone = await setup();
    const laptop = await testStore(NOW);
    open.push(laptop.store);
    // Offline, each starts a timer.
    const early = ok(
      await actions.startTimer(phone.store, { description: 'Phone' }, NOW, settings),
    );
    const late = ok(
      await actions.startTimer(laptop.store, { description: 'Laptop' }, NOW + 10 * M, settings),
    );
    // They sync both ways.
    await deliver(phone.store, laptop.store);
    await deliver(laptop.store, phone.store);
    // Each device's view resolves what it sees.
    const notices: string[] = [];
    for (const device of [phone.store, laptop.store]) {
      const r = new Reconciler().next(
        await resolutionWindow(device.db, NOW - 14 * 24 * H, NOW + H),
      );
      if (!r) continue;
      ok(await device.apply(updates('timeEntries', r.updates)));
      if (r.notice) notices.push(r.notice.message);
    }
    await deliver(phone.store, laptop.store);
    await deliver(laptop.store, phone.store);
    for (const device of [phone.store, laptop.store]) {
      expect((await runningEntries(device.db, NOW + H)).map((e) => e.id)).toEqual([late]);
      expect(await device.db.timeEntries.get(early)).toMatchObject({
        end: NOW + 10 * M,
        supersededBy: late,
      });
      // Nothing is left to resolve.
      expect(
        new Reconciler().next(await resolutionWindow(device.db, NOW - 14 * 24 * H, NOW + H)),
      ).toBeUndefined();
    }
    expect(notices[0]).toContain('“Phone” was also running on another device');
  });
});
