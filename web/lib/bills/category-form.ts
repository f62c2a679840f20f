// The categories screen: a name that is unique among the open categories, and the writes behind
// Delete (its bills keep going, without a category) and its Undo.
import { err, ok, type Result } from '@tally/model/result';
import type { Write } from '../store/store.ts';
import type { Bill, Category } from './types.ts';

export interface NamedCategory {
  id: string;
  name: string;
  archived?: boolean;
}

/** The tidied name, or a sentence saying what is wrong with it. */
export function readCategoryName(
  text: string,
  others: readonly NamedCategory[],
  selfId?: string,
): Result<string, string> {
  const name = text.trim().replace(/\s+/g, ' ');
  if (name === '') return err('Type a name, e.g. Utilities.');
  if (name.length > 200) return err('Keep the name under 200 characters.');
  const folded = name.toLocaleLowerCase();
  const clash = others.find(
    (c) => c.id !== selfId && !c.archived && c.name.trim().toLocaleLowerCase() === folded,
  );
  if (clash) return err(`There is a category named “${clash.name}” already.`);
  return ok(name);
}

/** How many bills are filed under each category id. */
export function billCounts(bills: readonly Pick<Bill, 'categoryId'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const b of bills)
    if (b.categoryId) counts.set(b.categoryId, (counts.get(b.categoryId) ?? 0) + 1);
  return counts;
}

/** Delete a category; the bills filed under it stay, with no category. */
export function deleteCategoryWrites(
  categoryId: string,
  bills: readonly Pick<Bill, 'id' | 'categoryId'>[],
): Write[] {
  return [
    ...bills
      .filter((b) => b.categoryId === categoryId)
      .map((b): Write => ({
        op: 'update',
        collection: 'bills',
        id: b.id,
        data: { categoryId: undefined },
      })),
    { op: 'remove', collection: 'categories', id: categoryId },
  ];
}

/** Undo of a delete: the category again, under its id, and its bills filed under it again. */
export function restoreCategoryWrites(category: Category, billIds: readonly string[]): Write[] {
  const { id, ...data } = category;
  return [
    { op: 'create', collection: 'categories', id, data },
    ...billIds.map((billId): Write => ({
      op: 'update',
      collection: 'bills',
      id: billId,
      data: { categoryId: id },
    })),
  ];
}
