// What makes an imported transaction recognisable when the same file, or one that overlaps it, is
// imported again. The bank's own id (OFX FITID, a CSV transaction-id column) when there is one,
// scoped to the account; otherwise the account, date, amount, currency and normalised payee.
// Two identical coffees on one day are both real, so each key also counts its occurrences in
// file order: the second coffee is `…:2`, in this import and in every re-import of the file.
import { hashHex } from './hash.ts';
import { normalise } from './text.ts';

export interface FingerprintInput {
  date: string;
  amount: number;
  currency: string;
  payee?: string;
  memo?: string;
  providerId?: string;
}

export interface Keyed<T extends FingerprintInput> {
  transaction: T;
  /** The full dedupe key (account, identity, occurrence); seeds the record id. */
  key: string;
  /** What the record stores in `fingerprint` (a hash of the key, ≤ 40 characters). */
  fingerprint: string;
  /** The key by content alone, without the bank's id or the occurrence. */
  contentKey: string;
}

/** The content identity of a transaction in an account. */
export function contentKey(accountId: string, t: FingerprintInput): string {
  const label = normalise(t.payee || t.memo || '');
  return ['fp', accountId, t.date, String(t.amount), t.currency, label].join('\n');
}

function baseKey(accountId: string, t: FingerprintInput): string {
  return t.providerId ? ['id', accountId, t.providerId].join('\n') : contentKey(accountId, t);
}

/** Keys for a file's transactions for one account, counting repeats in file order. */
export function keyAll<T extends FingerprintInput>(
  accountId: string,
  transactions: readonly T[],
): Keyed<T>[] {
  const seen = new Map<string, number>();
  return transactions.map((transaction) => {
    const base = baseKey(accountId, transaction);
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    const kind = transaction.providerId ? 'id' : 'fp';
    const suffix = occurrence > 1 ? `:${occurrence}` : '';
    return {
      transaction,
      key: `${base}\n#${occurrence}`,
      fingerprint: `${kind}:${hashHex(base)}${suffix}`,
      contentKey: contentKey(accountId, transaction),
    };
  });
}
