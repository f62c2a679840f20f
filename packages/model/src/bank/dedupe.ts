// Which parsed transactions are already stored. Three ways to recognise one, strongest first:
// the same fingerprint (the same file, or an overlapping one in the same format); the same bank
// id in the same account; the same content (date, amount, currency, payee) when at most one side
// has a bank id — the same transactions imported once from CSV and then from OFX. Identical
// transactions pair up one to one, so a third coffee is new even when two are stored.
import type { FingerprintInput, Keyed } from './fingerprint.ts';
import { contentKey } from './fingerprint.ts';

export interface StoredTransaction extends FingerprintInput {
  id: string;
  accountId: string;
  fingerprint: string;
}

export type DuplicateReason = 'fingerprint' | 'provider-id' | 'content';

export interface Duplicate<T extends FingerprintInput> {
  incoming: Keyed<T>;
  existingId: string;
  by: DuplicateReason;
}

export interface Classified<T extends FingerprintInput> {
  fresh: Keyed<T>[];
  duplicates: Duplicate<T>[];
}

/** Splits keyed incoming transactions (see fingerprint.keyAll) into new ones and duplicates. */
export function classify<T extends FingerprintInput>(
  accountId: string,
  existing: readonly StoredTransaction[],
  incoming: readonly Keyed<T>[],
): Classified<T> {
  const inAccount = existing.filter((e) => e.accountId === accountId);
  const byFingerprint = new Map(inAccount.map((e) => [e.fingerprint, e] as const));
  const byProviderId = new Map<string, StoredTransaction>();
  for (const e of inAccount) if (e.providerId) byProviderId.set(e.providerId, e);
  const used = new Set<string>();
  const matched = new Map<Keyed<T>, Duplicate<T>>();

  const claim = (item: Keyed<T>, e: StoredTransaction | undefined, by: DuplicateReason): void => {
    if (!e || used.has(e.id) || matched.has(item)) return;
    used.add(e.id);
    matched.set(item, { incoming: item, existingId: e.id, by });
  };
  for (const item of incoming) claim(item, byFingerprint.get(item.fingerprint), 'fingerprint');
  for (const item of incoming) {
    const id = item.transaction.providerId;
    if (id) claim(item, byProviderId.get(id), 'provider-id');
  }

  const byContent = new Map<string, StoredTransaction[]>();
  for (const e of inAccount) {
    if (used.has(e.id)) continue;
    const key = contentKey(accountId, e);
    const list = byContent.get(key);
    if (list) list.push(e);
    else byContent.set(key, [e]);
  }
  for (const item of incoming) {
    if (matched.has(item)) continue;
    const candidates = byContent.get(item.contentKey) ?? [];
    // Two different bank ids are two different transactions, however alike.
    const e = candidates.find(
      (c) => !used.has(c.id) && !(c.providerId && item.transaction.providerId),
    );
    claim(item, e, 'content');
  }

  const fresh: Keyed<T>[] = [];
  const duplicates: Duplicate<T>[] = [];
  for (const item of incoming) {
    const d = matched.get(item);
    if (d) duplicates.push(d);
    else fresh.push(item);
  }
  return { fresh, duplicates };
}
