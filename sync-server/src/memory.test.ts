import { describe, expect, it, onTestFinished } from 'vitest';
import { idleCollector } from './memory.ts';

const MiB = 1024 * 1024;

/** Resolves after every timer due within `ms` has run (timers fire in order of expiry). */
const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('idleCollector', () => {
  it('shrinks the heap once the server is idle', async () => {
    // Garbage the way a burst leaves it: many small objects, dropped.
    let garbage: { n: number; s: string }[][] | null = [];
    for (let i = 0; i < 300; i++) {
      garbage.push(Array.from({ length: 2_000 }, (_, n) => ({ n, s: `record ${i}.${n}` })));
    }
    const busy = process.memoryUsage().heapTotal;
    garbage = null;
    expect(busy).toBeGreaterThan(64 * MiB);

    let collected!: () => void;
    const asked = new Promise<void>((resolve) => (collected = resolve));
    // The collection runs right after isIdle answers, in the same timer callback: by the time
    // the promise's continuation runs, it is done.
    const collector = idleCollector(() => {
      queueMicrotask(collected);
      return true;
    }, 1);
    onTestFinished(() => collector.close());
    collector.schedule();
    await asked;
    expect(process.memoryUsage().heapTotal).toBeLessThan(busy / 2);
  });

  it('waits for the last of several calls, and asks again whether the server is idle', async () => {
    let asked = 0;
    const collector = idleCollector(() => {
      asked++;
      return false;
    }, 20);
    onTestFinished(() => collector.close());
    collector.schedule();
    collector.schedule();
    collector.schedule();
    expect(asked).toBe(0);
    await after(60);
    expect(asked).toBe(1);
  });

  it('does nothing after close', async () => {
    let asked = 0;
    const collector = idleCollector(() => {
      asked++;
      return true;
    }, 5);
    collector.schedule();
    collector.close();
    await after(30);
    expect(asked).toBe(0);
  });
});
