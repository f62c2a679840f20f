import { describe, expect, it } from 'vitest';
import { taskProgress } from './tasks.ts';
import { entry, H, M, project, task } from './testing.ts';

const site = project();
const design = task({ projectId: site.id, name: 'Design', estimateSeconds: 2 * 3600 });
const build = task({ projectId: site.id, name: 'Build', estimateSeconds: 3600 });
const chores = task({ projectId: site.id, name: 'Chores' });
const zero = task({ projectId: site.id, name: 'Zero', estimateSeconds: 0 });
const other = task({ projectId: site.id, name: 'Not asked about' });
const T = Date.UTC(2026, 10, 2, 9);
const NOW = T + 10 * H;

describe('taskProgress', () => {
  it('sums worked time per task, pauses left out, a running timer up to now', () => {
    const entries = [
      entry({ start: T, end: T + 60 * M, taskId: design.id, projectId: site.id }),
      entry({
        start: T + 2 * H,
        end: T + 3 * H,
        pauses: [{ start: T + 2 * H, end: T + 2 * H + 30 * M }],
        taskId: design.id,
        projectId: site.id,
      }),
      entry({ start: NOW - 90 * M, end: undefined, taskId: build.id, projectId: site.id }),
      entry({ start: T, end: T + H, taskId: other.id, projectId: site.id }),
      entry({ start: T, end: T + H, projectId: site.id }),
    ];
    const p = taskProgress([design, build, chores, zero], entries, NOW);
    expect(p.get(design.id)).toEqual({
      trackedSeconds: 90 * 60,
      estimateSeconds: 7200,
      percent: 75,
      over: false,
    });
    expect(p.get(build.id)).toEqual({
      trackedSeconds: 90 * 60,
      estimateSeconds: 3600,
      percent: 150,
      over: true,
    });
    expect(p.get(chores.id)).toEqual({ trackedSeconds: 0, over: false });
    expect(p.get(zero.id)).toEqual({ trackedSeconds: 0, estimateSeconds: 0, over: false });
    expect(p.has(other.id)).toBe(false);
  });

  it.each([
    [0, 0, false],
    [3599, 99, false],
    [3600, 100, false],
    [3601, 100, true],
  ])('%i s tracked of a 1 h estimate → %i %%, over: %s', (seconds, percent, over) => {
    const e = entry({ start: T, end: T + seconds * 1000, taskId: build.id });
    expect(taskProgress([build], [e], NOW).get(build.id)).toMatchObject({ percent, over });
  });
});
