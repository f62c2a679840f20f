// The bank accounts screen: an account typed in by hand (import creates the others), the writes
// behind Save, Archive and Delete, and when an account cannot be deleted.
import type { NewRecord } from '@tally/model/collection';
import * as money from '@tally/model/money';
import { accountKinds } from '@tally/model/records/bills';
import { err, ok, type Result } from '@tally/model/result';
import type { Write } from '../store/store.ts';
import { changedFields } from './bill-writes.ts';
import type { Complete } from './form.ts';
import type { Account, PayeeRule } from './types.ts';

export type AccountKind = (typeof accountKinds)[number];

export interface AccountFormValues {
  name: string;
  kind: AccountKind;
  currency: string;
  institution: string;
  numberHint: string;
}

export type AccountErrors = Partial<Record<keyof AccountFormValues, string>>;
export type AccountFields = Complete<
  Pick<NewRecord<'accounts'>, 'name' | 'kind' | 'currency' | 'institution' | 'numberHint'>
>;

/** What the screen knows of the other accounts, to keep names apart. */
export interface OtherAccount {
  id: string;
  name: string;
  archived?: boolean;
}

const HINT_MAX = 4;

export function newAccountForm(currency: string): AccountFormValues {
  return { name: '', kind: 'checking', currency, institution: '', numberHint: '' };
}

export function accountForm(account: Account): AccountFormValues {
  return {
    name: account.name,
    kind: account.kind,
    currency: account.currency,
    institution: account.institution ?? '',
    numberHint: account.numberHint ?? '',
  };
}

/**
 * The account's fields, or a message per field. Names are unique among the open accounts (they
 * are how payments and rules pick one). The number hint keeps the last four characters only: the
 * whole account number is never stored, so a longer one is refused rather than cut silently.
 */
export function readAccountForm(
  values: AccountFormValues,
  others: readonly OtherAccount[],
  selfId?: string,
): Result<AccountFields, AccountErrors> {
  const errors: AccountErrors = {};
  const name = values.name.trim().replace(/\s+/g, ' ');
  if (name === '') errors.name = 'Give the account a name, e.g. Everyday checking.';
  else if (name.length > 200) errors.name = 'Keep the name under 200 characters.';
  else {
    const folded = name.toLocaleLowerCase();
    const clash = others.find(
      (a) => a.id !== selfId && !a.archived && a.name.trim().toLocaleLowerCase() === folded,
    );
    if (clash)
      errors.name = `You already have an account named “${clash.name}”. Pick another name.`;
  }
  if (!(accountKinds as readonly string[]).includes(values.kind))
    errors.kind = 'Choose what kind of account it is.';
  if (!money.isCurrency(values.currency)) errors.currency = 'Choose a currency.';
  const institution = values.institution.trim();
  if (institution.length > 500) errors.institution = 'Keep the bank name under 500 characters.';
  const numberHint = values.numberHint.replace(/[\s-]/g, '');
  if (numberHint.length > HINT_MAX)
    errors.numberHint = `Type only the last ${HINT_MAX} characters; Tally never keeps the whole account number.`;
  else if (numberHint !== '' && !/^[0-9A-Za-z]+$/.test(numberHint))
    errors.numberHint = 'Use only the digits (or letters) the account number ends with.';
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    name,
    kind: values.kind,
    currency: values.currency,
    institution: institution === '' ? undefined : institution,
    numberHint: numberHint === '' ? undefined : numberHint,
  });
}

/**
 * Save: a new account, or the fields that changed on an existing one (so a rename on one device
 * and an archive on another both survive the merge). An account that has transactions keeps its
 * currency: its amounts are in it.
 */
export function saveAccountWrites(
  fields: AccountFields,
  target: { id: string; original?: Account; hasTransactions?: boolean },
): Result<Write[], AccountErrors> {
  const { original } = target;
  if (!original) {
    const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return ok([{ op: 'create', collection: 'accounts', id: target.id, data }]);
  }
  if (target.hasTransactions && fields.currency !== original.currency)
    return err({
      currency: `This account has transactions in ${original.currency}; its currency cannot change. Add a new account for ${fields.currency}.`,
    });
  const data = changedFields(fields, original);
  if (Object.keys(data).length === 0) return ok([]);
  return ok([{ op: 'update', collection: 'accounts', id: target.id, data }]);
}

export function archiveWrites(accountId: string, archived: boolean): Write[] {
  return [{ op: 'update', collection: 'accounts', id: accountId, data: { archived } }];
}

export interface AccountUsage {
  transactions: number;
  payments: number;
}

/** Why the account cannot be deleted (something refers to it), or undefined when it can. */
export function deleteBlocker(name: string, usage: AccountUsage): string | undefined {
  const parts = [
    usage.transactions > 0 &&
      `${usage.transactions} transaction${usage.transactions === 1 ? '' : 's'}`,
    usage.payments > 0 && `${usage.payments} payment${usage.payments === 1 ? '' : 's'}`,
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return undefined;
  return `“${name}” has ${parts.join(' and ')}, so it cannot be deleted. Archive it instead: it leaves the lists of accounts and its history stays.`;
}

/** Delete an unused account, with the payee rules limited to it (they could match nothing). */
export function deleteAccountWrites(accountId: string, rules: readonly PayeeRule[]): Write[] {
  return [
    ...rules
      .filter((r) => r.accountId === accountId)
      .map((r): Write => ({ op: 'remove', collection: 'payeeRules', id: r.id })),
    { op: 'remove', collection: 'accounts', id: accountId },
  ];
}
