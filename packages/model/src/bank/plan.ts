// From a reviewed statement to writes: which transactions to create (with derived ids and
// fingerprints), and which are already stored. The caller writes `create` with
// Collection.createMany, which stores all of them or none.
import type { NewRecord } from '../collection.ts';
import { classify, type DuplicateReason, type StoredTransaction } from './dedupe.ts';
import { keyAll } from './fingerprint.ts';
import { derivedId } from './recordid.ts';
import type { ParsedTransaction } from './statement.ts';
import { normalise } from './text.ts';

export interface PlannedTransaction {
  id: string;
  input: NewRecord<'transactions'>;
  /** Where it came from in the file. */
  line: number;
}

export interface PlannedDuplicate {
  line: number;
  transaction: ParsedTransaction;
  existingId: string;
  by: DuplicateReason;
}

export interface ImportPlan {
  accountId: string;
  create: PlannedTransaction[];
  duplicates: PlannedDuplicate[];
}

export interface PlanOptions {
  /** Bill categories by name, to link a QIF/CSV category that names one. */
  categories?: readonly { id: string; name: string }[];
}

/** Plans the import of one statement's transactions into the account `accountId`. */
export function planImport(
  accountId: string,
  transactions: readonly ParsedTransaction[],
  existing: readonly StoredTransaction[],
  options: PlanOptions = {},
): ImportPlan {
  const categoryIds = new Map((options.categories ?? []).map((c) => [normalise(c.name), c.id]));
  const { fresh, duplicates } = classify(accountId, existing, keyAll(accountId, transactions));
  return {
    accountId,
    create: fresh.map(({ transaction: t, key, fingerprint }) => {
      const categoryId = t.category ? categoryIds.get(normalise(t.category)) : undefined;
      return {
        id: derivedId(t.date, key),
        line: t.line,
        input: {
          accountId,
          date: t.date,
          amount: t.amount,
          currency: t.currency,
          payee: t.payee,
          fingerprint,
          ...(t.memo ? { memo: t.memo } : {}),
          ...(t.providerId ? { providerId: t.providerId } : {}),
          ...(categoryId ? { categoryId } : {}),
        },
      };
    }),
    duplicates: duplicates.map((d) => ({
      line: d.incoming.transaction.line,
      transaction: d.incoming.transaction,
      existingId: d.existingId,
      by: d.by,
    })),
  };
}
