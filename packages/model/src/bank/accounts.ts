// Which of the person's accounts a statement is for, and a new account from a statement when it
// is for none of them.
import type { NewRecord } from '../collection.ts';
import type { ParsedStatement } from './statement.ts';

export interface KnownAccount {
  id: string;
  currency: string;
  numberHint?: string;
  importKey?: string;
  archived?: boolean;
}

/**
 * The account a statement belongs to: the one imported from the same bank account before (same
 * import key), else the only open account in the statement's currency whose number ends the same.
 * Undefined when unsure; the person picks.
 */
export function suggestAccount(
  statement: ParsedStatement,
  accounts: readonly KnownAccount[],
): string | undefined {
  const { key, numberHint } = statement.account;
  if (key) {
    const same = accounts.find((a) => a.importKey === key);
    if (same) return same.id;
  }
  if (!numberHint) return undefined;
  const hinted = accounts.filter(
    (a) =>
      !a.archived &&
      a.currency === statement.currency &&
      a.numberHint !== undefined &&
      a.numberHint !== '' &&
      (a.numberHint.endsWith(numberHint) || numberHint.endsWith(a.numberHint)),
  );
  return hinted.length === 1 ? hinted[0]?.id : undefined;
}

/** A new account for a statement; `name` is what the person typed or a default. */
export function accountFromStatement(
  statement: ParsedStatement,
  name: string,
): NewRecord<'accounts'> {
  const { account } = statement;
  return {
    name: account.name || name,
    currency: statement.currency,
    ...(account.kind ? { kind: account.kind } : {}),
    ...(account.institution ? { institution: account.institution } : {}),
    ...(account.numberHint ? { numberHint: account.numberHint } : {}),
    ...(account.key ? { importKey: account.key } : {}),
  };
}
