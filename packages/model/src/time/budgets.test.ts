import { describe, expect, it } from 'vitest';
import { catalog } from './catalog.ts';
import { budgetAlerts, budgetUse } from './budgets.ts';
import type { MeasureContext } from './reports.ts';
import { client, entry, H, M, project } from './testing.ts';

const acme = client({ currency: 'EUR' });
const start = Date.UTC(2026, 10, 2, 8);
const hours = (projectId: string, h: number, extra: Parameters<typeof entry>[0] = {}) =>
  entry({ projectId, start, end: start + h * H, ...extra });

function ctx(projects: ReturnType<typeof project>[]): MeasureContext {
  return {
    catalog: catalog({ clients: [acme], projects }),
    settings: { currency: 'USD' },
    rounding: { minutes: 15, method: 'up' },
    zone: 'UTC',
    now: start + 100 * H,
  };
}

describe('budgetUse', () => {
  const p = project({
    clientId: acme.id,
    rate: 10000,
    budgetSeconds: 10 * 3600,
    budgetAmount: 100_000,
  });

  it.each([
    ['well under', [5], false, false, 5000, 5000],
    ['at the 80 % threshold', [8], true, false, 8000, 8000],
    ['over both', [6, 4.5], true, true, 10500, 10500],
  ])('%s', (_what, durations, alert, over, secondsBp, amountBp) => {
    const use = budgetUse(
      p,
      durations.map((h) => hours(p.id, h)),
      ctx([p]),
    );
    expect(use).toMatchObject({
      alert,
      over,
      secondsBasisPoints: secondsBp,
      amountBasisPoints: amountBp,
    });
    expect(use.currency).toBe('EUR');
  });

  it('counts non-billable hours but not their money, rounded as billed', () => {
    const use = budgetUse(
      p,
      [hours(p.id, 1, { billable: false }), hours(p.id, 0, { end: start + 61 * M })],
      ctx([p]),
    );
    expect(use.seconds).toBe(60 * 60 + 75 * 60);
    expect(use.amount).toBe(12500);
  });

  it('keeps entries billed in another currency out of the amount', () => {
    const use = budgetUse(
      p,
      [hours(p.id, 2, { rate: 5000, currency: 'USD' }), hours(p.id, 1)],
      ctx([p]),
    );
    expect(use.amount).toBe(10000);
    expect(use.otherCurrencyEntries).toBe(1);
  });

  it('uses the project’s own alert threshold', () => {
    const strict = project({ budgetSeconds: 10 * 3600, budgetAlertPercent: 50 });
    expect(budgetUse(strict, [hours(strict.id, 5)], ctx([strict])).alert).toBe(true);
    expect(budgetUse(strict, [hours(strict.id, 4.5)], ctx([strict])).alert).toBe(false);
  });
});

describe('budgetAlerts', () => {
  it('lists the projects at or over their threshold, most used first', () => {
    const a = project({ name: 'A', budgetSeconds: 10 * 3600 });
    const b = project({ name: 'B', budgetSeconds: 2 * 3600 });
    const c = project({ name: 'C', budgetSeconds: 100 * 3600 });
    const none = project({ name: 'No budget' });
    const entries = [hours(a.id, 9), hours(b.id, 3), hours(c.id, 1), hours(none.id, 50)];
    expect(
      budgetAlerts([a, b, c, none], entries, ctx([a, b, c, none])).map((u) => u.projectId),
    ).toEqual([b.id, a.id]);
  });
});
