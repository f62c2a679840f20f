import { describe, expect, it } from 'vitest';
import { workedSeconds } from './durations.ts';
import { confirmStillWorking, idlePrompt, needsStillWorking, resolveIdle } from './idle.ts';
import { entry, H, M } from './testing.ts';

const start = Date.UTC(2026, 10, 22, 9);
const running = entry({ start, end: undefined });

describe('idle detection', () => {
  it.each([
    ['away 31 minutes with a 30-minute threshold', start + H, start + H + 31 * M, true],
    ['away exactly 30 minutes', start + H, start + H + 30 * M, false],
    ['active a minute ago', start + H, start + H + M, false],
    // the last activity was before the timer started: idle time counts from the start
    ['away since before the start', start - 5 * H, start + 20 * M, false],
  ])('%s → ask: %s', (_what, lastActivityAt, now, ask) => {
    expect(idlePrompt([running], { lastActivityAt, now, idleMinutes: 30 }) !== undefined).toBe(ask);
  });

  it('does not ask without a running timer, or while it is paused', () => {
    const opts = { lastActivityAt: start, now: start + 5 * H, idleMinutes: 30 };
    expect(idlePrompt([entry()], opts)).toBeUndefined();
    expect(idlePrompt([{ ...running, pauses: [{ start: start + H }] }], opts)).toBeUndefined();
  });

  const now = start + 3 * H;
  const lastActivityAt = start + H;
  const prompt = idlePrompt([running], { lastActivityAt, now, idleMinutes: 30 });

  it('reports where the idle time began and how long it is', () => {
    expect(prompt).toEqual({ entry: running, since: lastActivityAt, idleMs: 2 * H });
  });

  it.each([
    ['keep', undefined, 3 * 3600],
    ['discard', { pauses: [{ start: lastActivityAt, end: now }] }, 3600],
    ['stop', { end: lastActivityAt }, 3600],
  ] as const)('%s', (choice, patch, worked) => {
    if (!prompt) throw new Error('expected a prompt');
    const update = resolveIdle(prompt, choice, now);
    expect(update?.patch).toEqual(patch);
    const after = { ...running, ...update?.patch };
    expect(workedSeconds(after, now)).toBe(worked);
  });

  it('discarding keeps the timer running', () => {
    if (!prompt) throw new Error('expected a prompt');
    const after = { ...running, ...resolveIdle(prompt, 'discard', now)?.patch };
    expect(workedSeconds(after, now + H)).toBe(2 * 3600);
  });
});

describe('still working?', () => {
  it.each([
    ['10 h 1 min on the clock', start + 10 * H + M, [], true],
    ['exactly 10 h', start + 10 * H, [], false],
    ['11 h with 2 h of breaks', start + 11 * H, [{ start: start + H, end: start + 3 * H }], false],
  ])('%s → ask: %s', (_what, now, pauses, ask) => {
    expect(needsStillWorking({ ...running, pauses }, { now, stillWorkingHours: 10 })).toBe(ask);
  });

  it('asks again only a full period after the user said yes', () => {
    const confirmed = { ...running, ...confirmStillWorking(running, start + 10 * H).patch };
    expect(needsStillWorking(confirmed, { now: start + 19 * H, stillWorkingHours: 10 })).toBe(
      false,
    );
    expect(needsStillWorking(confirmed, { now: start + 20 * H + M, stillWorkingHours: 10 })).toBe(
      true,
    );
  });

  it('never asks about a stopped or paused entry', () => {
    expect(
      needsStillWorking(entry({ start, end: start + 20 * H }), {
        now: start + 30 * H,
        stillWorkingHours: 1,
      }),
    ).toBe(false);
    expect(
      needsStillWorking(
        { ...running, pauses: [{ start: start + H }] },
        { now: start + 30 * H, stillWorkingHours: 1 },
      ),
    ).toBe(false);
  });
});
