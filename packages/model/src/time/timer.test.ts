import { describe, expect, it } from 'vitest';
import * as ids from '../ids.ts';
import { testIds } from '../testing.ts';
import { workedSeconds } from './durations.ts';
import { entry, H, M } from './testing.ts';
import * as timer from './timer.ts';

const now = Date.UTC(2026, 10, 22, 14);
const clock = (at = now) => ({ now: at, ids: testIds(11) });

describe('start', () => {
  it('creates a running timer whose id carries its start', () => {
    const writes = timer.start([], { description: 'Design', tags: ['ux'] }, clock());
    expect(writes.updates).toEqual([]);
    const [created] = writes.creates;
    expect(created?.input).toEqual({
      start: now,
      description: 'Design',
      tags: ['ux'],
      billable: true,
      source: 'timer',
    });
    expect(ids.timeOf(created?.id ?? '')).toBe(now);
  });

  it('lands in the year of its start: a timer started on New Year’s Eve UTC', () => {
    const eve = Date.UTC(2026, 11, 31, 23, 59, 59);
    const { creates } = timer.start([], {}, clock(eve));
    expect(new Date(ids.timeOf(creates[0]?.id ?? '')).getUTCFullYear()).toBe(2026);
  });

  it('stops every running timer at the new start', () => {
    const a = entry({ start: now - 2 * H, end: undefined });
    const b = entry({ start: now - H, end: undefined });
    const done = entry({ start: now - 5 * H, end: now - 4 * H });
    const writes = timer.start([a, b, done], { projectId: testIds(2).next() }, clock());
    const id = writes.creates[0]?.id;
    expect(writes.updates).toEqual([
      { id: a.id, patch: { end: now, supersededBy: id } },
      { id: b.id, patch: { end: now, supersededBy: id } },
    ]);
    expect(writes.creates).toHaveLength(1);
  });
});

describe('stop', () => {
  it('ends the running entry at now', () => {
    const e = entry({ start: now - H, end: undefined });
    expect(timer.stop([e], now)).toEqual({
      creates: [],
      updates: [{ id: e.id, patch: { end: now } }],
    });
  });

  it('ends a paused entry where its pause began, and drops that pause', () => {
    const e = entry({
      start: now - 3 * H,
      end: undefined,
      pauses: [{ start: now - 150 * M, end: now - 2 * H }, { start: now - H }],
    });
    const [update] = timer.stop([e], now).updates;
    expect(update?.patch).toEqual({
      end: now - H,
      pauses: [{ start: now - 150 * M, end: now - 2 * H }],
    });
    expect(workedSeconds({ ...e, ...update?.patch }, now)).toBe(workedSeconds(e, now));
  });

  it('never ends before the start (a device clock behind)', () => {
    const e = entry({ start: now + M, end: undefined });
    expect(timer.stop([e], now).updates[0]?.patch).toEqual({ end: now + M });
  });

  it('stops only the one asked for', () => {
    const a = entry({ start: now - 2 * H, end: undefined });
    const b = entry({ start: now - H, end: undefined });
    expect(timer.stop([a, b], now, b.id).updates.map((u) => u.id)).toEqual([b.id]);
  });

  it('does nothing without a running timer', () => {
    expect(timer.stop([entry()], now)).toEqual({ creates: [], updates: [] });
  });
});

describe('pause and resume', () => {
  const running = entry({ start: now - H, end: undefined });

  it('adds an open pause, then closes it', () => {
    const paused = timer.pause(running, now);
    expect(paused).toEqual({
      ok: true,
      value: { id: running.id, patch: { pauses: [{ start: now }] } },
    });
    const asPaused = { ...running, pauses: [{ start: now }] };
    expect(timer.resume(asPaused, now + 10 * M)).toEqual({
      ok: true,
      value: { id: running.id, patch: { pauses: [{ start: now, end: now + 10 * M }] } },
    });
  });

  it.each([
    ['pause a stopped entry', () => timer.pause(entry(), now), 'not-running'],
    ['resume a stopped entry', () => timer.resume(entry(), now), 'not-running'],
    [
      'pause twice',
      () => timer.pause({ ...running, pauses: [{ start: now }] }, now),
      'already-paused',
    ],
    ['resume a running entry', () => timer.resume(running, now), 'not-paused'],
  ])('refuses to %s', (_what, act, kind) => {
    const result = act();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe(kind);
  });
});

describe('switch and continue', () => {
  it('switching stops the current entry and starts the other project at the same instant', () => {
    const current = entry({ start: now - H, end: undefined, description: 'Email' });
    const projectId = testIds(3).next();
    const writes = timer.switchTo([current], { projectId }, clock());
    expect(writes.updates).toEqual([
      { id: current.id, patch: { end: now, supersededBy: writes.creates[0]?.id } },
    ]);
    expect(writes.creates[0]?.input).toMatchObject({ start: now, projectId });
  });

  it('continuing copies project, task, description, tags and billing, not the old rate', () => {
    const [projectId, taskId] = [testIds(4).next(), testIds(5).next()];
    const past = entry({
      start: now - 26 * H,
      description: 'Review',
      projectId,
      taskId,
      tags: ['a', 'b'],
      billable: false,
      rate: 9000,
      currency: 'EUR',
      invoiceId: testIds(6).next(),
      source: 'import',
    });
    const { creates } = timer.continueEntry([past], past, clock());
    expect(creates[0]?.input).toEqual({
      start: now,
      description: 'Review',
      projectId,
      taskId,
      tags: ['a', 'b'],
      billable: false,
      source: 'timer',
    });
  });

  it('current is the latest running entry', () => {
    const a = entry({ start: now - 2 * H, end: undefined });
    const b = entry({ start: now - H, end: undefined });
    expect(timer.current([b, a, entry()])?.id).toBe(b.id);
    expect(timer.current([entry()])).toBeUndefined();
  });
});

describe('editTimes', () => {
  it('makes the entry manual and forgets what ended it', () => {
    const e = entry({ start: now - H, end: now, source: 'timer', supersededBy: testIds(8).next() });
    expect(timer.editTimes(e, { end: now + 5 * M })).toEqual({
      ok: true,
      value: { id: e.id, patch: { source: 'manual', supersededBy: undefined, end: now + 5 * M } },
    });
  });

  it('refuses an end before the start', () => {
    expect(timer.editTimes(entry({ start: now, end: now + H }), { end: now - M }).ok).toBe(false);
  });
});
