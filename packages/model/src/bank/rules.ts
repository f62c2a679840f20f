// Payee rules: "payee contains / equals X → bill Y", optionally for one account only. Text is
// compared case-insensitively with whitespace collapsed. A transaction without a payee is
// matched on its memo (many banks put the merchant there).
import { normalise } from './text.ts';

export interface Rule {
  id: string;
  match?: 'contains' | 'equals';
  text: string;
  billId: string;
  accountId?: string;
}

export interface RuleSubject {
  accountId: string;
  payee?: string;
  memo?: string;
}

/** The text rules look at: the payee, or the memo when there is no payee. */
export function labelOf(t: { payee?: string; memo?: string }): string {
  return normalise(t.payee ?? '') || normalise(t.memo ?? '');
}

export function ruleMatches(rule: Rule, t: RuleSubject): boolean {
  if (rule.accountId !== undefined && rule.accountId !== t.accountId) return false;
  const needle = normalise(rule.text);
  if (needle === '') return false;
  const label = labelOf(t);
  return (rule.match ?? 'contains') === 'equals' ? label === needle : label.includes(needle);
}

/**
 * The rule that decides a transaction's bill when several match: one limited to the account
 * before a general one, `equals` before `contains`, a longer text before a shorter one, then by
 * id so every device decides the same.
 */
export function matchingRule<R extends Rule>(rules: readonly R[], t: RuleSubject): R | undefined {
  let best: R | undefined;
  for (const rule of rules) {
    if (!ruleMatches(rule, t)) continue;
    if (!best || compareRules(rule, best) < 0) best = rule;
  }
  return best;
}

function compareRules(a: Rule, b: Rule): number {
  const scoped = Number(b.accountId !== undefined) - Number(a.accountId !== undefined);
  if (scoped !== 0) return scoped;
  const exact = Number(b.match === 'equals') - Number(a.match === 'equals');
  if (exact !== 0) return exact;
  const length = normalise(b.text).length - normalise(a.text).length;
  if (length !== 0) return length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface HistoryTransaction extends RuleSubject {
  id: string;
  billId?: string;
}

export interface RuleSuggestion {
  match: 'contains';
  text: string;
  billId: string;
  /** The linked transactions the rule would have matched. */
  transactionIds: string[];
}

const MIN_LINKED = 2;
const MIN_TEXT = 3;

/**
 * Rules worth proposing from history: when at least two transactions linked to the same bill (by
 * a payment or by hand) share their leading words ("netflix.com 12345", "netflix.com 67890" →
 * "netflix.com"), no rule covers them yet, and that text matches no transaction linked to
 * another bill.
 */
export function suggestRules(
  transactions: readonly HistoryTransaction[],
  payments: readonly { billId: string; transactionId?: string }[],
  rules: readonly Rule[],
): RuleSuggestion[] {
  const billOf = new Map<string, string>();
  for (const t of transactions) if (t.billId) billOf.set(t.id, t.billId);
  for (const p of payments) if (p.transactionId) billOf.set(p.transactionId, p.billId);

  const byBill = new Map<string, HistoryTransaction[]>();
  for (const t of transactions) {
    const billId = billOf.get(t.id);
    if (!billId || labelOf(t) === '') continue;
    const list = byBill.get(billId) ?? [];
    list.push(t);
    byBill.set(billId, list);
  }

  const suggestions: RuleSuggestion[] = [];
  for (const [billId, linked] of [...byBill].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const uncovered = linked.filter(
      (t) => !rules.some((r) => r.billId === billId && ruleMatches(r, t)),
    );
    if (uncovered.length < MIN_LINKED) continue;
    const text = commonLeadingWords(uncovered.map(labelOf));
    if (text.length < MIN_TEXT) continue;
    const probe: Rule = { id: '', match: 'contains', text, billId };
    const conflicts = transactions.some((t) => {
      const other = billOf.get(t.id);
      return other !== undefined && other !== billId && ruleMatches(probe, t);
    });
    if (conflicts) continue;
    suggestions.push({
      match: 'contains',
      text,
      billId,
      transactionIds: uncovered.map((t) => t.id),
    });
  }
  return suggestions;
}

function commonLeadingWords(labels: readonly string[]): string {
  const split = labels.map((l) => l.split(' '));
  const first = split[0] ?? [];
  const words: string[] = [];
  for (let i = 0; i < first.length; i++) {
    const word = first[i];
    if (word === undefined || !split.every((s) => s[i] === word)) break;
    words.push(word);
  }
  return words.join(' ');
}
