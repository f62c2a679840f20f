// How much of a project's budget is used, and whether to warn. Hours count every entry of the
// project (billable or not: it is work done on it), rounded as billed; the amount counts what
// the billable entries earn in the project's currency. Entries billed in another currency cannot
// be added to it and are counted aside.
import * as money from '../money.ts';
import type { Project, TimeEntry } from './catalog.ts';
import { measure, type MeasureContext } from './reports.ts';

export interface BudgetUse {
  projectId: string;
  /** Rounded seconds of all the project's entries. */
  seconds: number;
  budgetSeconds?: number;
  /** Earned by billable entries, minor units of `currency`. */
  amount: number;
  budgetAmount?: number;
  currency: string;
  /** Used share of each budget in basis points (100 % = 10 000), rounded down. */
  secondsBasisPoints?: number;
  amountBasisPoints?: number;
  /** A budget has reached the project's alert threshold. */
  alert: boolean;
  /** A budget is exceeded. */
  over: boolean;
  /** Billable entries in another currency, left out of `amount`. */
  otherCurrencyEntries: number;
}

export function budgetCurrency(project: Project, ctx: MeasureContext): string {
  const client =
    project.clientId === undefined ? undefined : ctx.catalog.clients.get(project.clientId);
  return project.currency ?? client?.currency ?? ctx.settings.currency;
}

export function budgetUse(
  project: Project,
  entries: readonly TimeEntry[],
  ctx: MeasureContext,
): BudgetUse {
  const currency = budgetCurrency(project, ctx);
  let seconds = 0;
  let amount = 0;
  let otherCurrencyEntries = 0;
  for (const entry of entries) {
    if (entry.projectId !== project.id) continue;
    const m = measure(entry, ctx);
    seconds += m.roundedSeconds;
    if (!m.amount) continue;
    if (m.amount.currency === currency) amount += m.amount.minor;
    else otherCurrencyEntries += 1;
  }
  const use: BudgetUse = {
    projectId: project.id,
    seconds,
    amount,
    currency,
    alert: false,
    over: false,
    otherCurrencyEntries,
  };
  const check = (used: number, budget: number | undefined): number | undefined => {
    if (budget === undefined) return undefined;
    // used / budget ≥ alert %  ⇔  used × 100 ≥ budget × alert %, exactly
    if (BigInt(used) * 100n >= BigInt(budget) * BigInt(project.budgetAlertPercent))
      use.alert = true;
    if (used > budget) use.over = true;
    return budget === 0 ? undefined : money.multiplyRatio(used, 10_000, budget, 'down');
  };
  if (project.budgetSeconds !== undefined) {
    use.budgetSeconds = project.budgetSeconds;
    const bp = check(seconds, project.budgetSeconds);
    if (bp !== undefined) use.secondsBasisPoints = bp;
  }
  if (project.budgetAmount !== undefined) {
    use.budgetAmount = project.budgetAmount;
    const bp = check(amount, project.budgetAmount);
    if (bp !== undefined) use.amountBasisPoints = bp;
  }
  return use;
}

/** Projects with a budget at or past their alert threshold, most used first. */
export function budgetAlerts(
  projects: readonly Project[],
  entries: readonly TimeEntry[],
  ctx: MeasureContext,
): BudgetUse[] {
  const byProject = new Map<string, TimeEntry[]>();
  for (const e of entries) {
    if (e.projectId === undefined) continue;
    const list = byProject.get(e.projectId) ?? [];
    list.push(e);
    byProject.set(e.projectId, list);
  }
  return projects
    .filter((p) => p.budgetSeconds !== undefined || p.budgetAmount !== undefined)
    .map((p) => budgetUse(p, byProject.get(p.id) ?? [], ctx))
    .filter((u) => u.alert)
    .sort(
      (a, b) =>
        Math.max(b.secondsBasisPoints ?? 0, b.amountBasisPoints ?? 0) -
        Math.max(a.secondsBasisPoints ?? 0, a.amountBasisPoints ?? 0),
    );
}
