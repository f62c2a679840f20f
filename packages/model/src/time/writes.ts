// The writes a time operation asks for. Logic here never touches a document: it returns what to
// create and what to change, and the caller applies them (with `Collection.createMany` and
// `Collection.update`, in one transaction per document).
import type { CollectionName } from '../collections.ts';
import type { NewRecord, Patch } from '../collection.ts';

export interface Create<N extends CollectionName> {
  id: string;
  input: NewRecord<N>;
}

export interface Update<N extends CollectionName> {
  id: string;
  patch: Patch<N>;
}

/** Time-entry writes: the shape every timer operation returns. */
export interface EntryWrites {
  creates: Create<'timeEntries'>[];
  updates: Update<'timeEntries'>[];
}

export const noWrites = (): EntryWrites => ({ creates: [], updates: [] });
