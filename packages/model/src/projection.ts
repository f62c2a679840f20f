// Projections are the rows the app's views read: one plain, validated object per record, per
// collection. They are derived from the documents, so the store can maintain them incrementally
// (only the records a transaction touched) and rebuild them from scratch; both give the same rows.
import * as Y from 'yjs';
import {
  collectionNames,
  collections,
  isCollectionName,
  SETTINGS_MAP,
  type CollectionName,
} from './collections.ts';
import { Collection, type Reject } from './collection.ts';
import { parseDocName, placementMatches, SETTINGS_DOC_NAME, type DocName } from './documents.ts';
import { SETTINGS_ID, SettingsMap } from './settings.ts';

/** The projection tables: every collection, plus `settings` with its one row. */
export type ProjectionName = CollectionName | typeof SETTINGS_MAP;

export interface ProjectionDelta {
  table: ProjectionName;
  /** Rows to write: valid records. */
  puts: Record<string, unknown>[];
  /** Ids whose rows go: deleted records, and records that no longer validate. */
  deletes: string[];
  /** Every id looked at: their old rejects are cleared before `rejects` is written. */
  ids: string[];
  rejects: Reject[];
}

export type Changed = Map<ProjectionName, Set<string>>;

/** The collections stored in a document. */
export function collectionsIn(docName: DocName): CollectionName[] {
  const parsed = parseDocName(docName);
  if (!parsed) return [];
  return collectionNames.filter((n) => placementMatches(collections[n].placement, parsed));
}

/**
 * Which records a Yjs transaction touched, by collection: keys added or removed at the top level,
 * and fields changed inside a record's map.
 */
export function changedRecords(tr: Y.Transaction): Changed {
  const names = new Map<unknown, string>();
  for (const [name, type] of tr.doc.share) names.set(type, name);
  const changed: Changed = new Map();
  const add = (table: ProjectionName, id: string): void => {
    let ids = changed.get(table);
    if (!ids) changed.set(table, (ids = new Set()));
    ids.add(id);
  };
  for (const [type, keys] of tr.changed) {
    const item = type._item;
    if (item === null) {
      const name = names.get(type);
      if (name === SETTINGS_MAP) add(SETTINGS_MAP, SETTINGS_ID);
      else if (name !== undefined && isCollectionName(name)) {
        for (const key of keys) if (key !== null) add(name, key);
      }
    } else if (item.parent instanceof Y.AbstractType && item.parent._item === null) {
      const name = names.get(item.parent);
      if (name !== undefined && isCollectionName(name) && item.parentSub !== null)
        add(name, item.parentSub);
    }
  }
  return changed;
}

/** The projection rows for the given records of one document. */
export function project(doc: Y.Doc, docName: DocName, changed: Changed): ProjectionDelta[] {
  const deltas: ProjectionDelta[] = [];
  for (const [table, ids] of changed) {
    if (table === SETTINGS_MAP) {
      if (docName !== SETTINGS_DOC_NAME) continue;
      const { settings, rejects } = new SettingsMap(doc, null).read();
      deltas.push({
        table,
        puts: [{ ...settings, id: SETTINGS_ID }],
        deletes: [],
        ids: [...ids],
        rejects,
      });
      continue;
    }
    const collection = new Collection(doc, docName, table, null);
    const delta: ProjectionDelta = { table, puts: [], deletes: [], ids: [...ids], rejects: [] };
    for (const id of ids) {
      const r = collection.read(id);
      if (r?.ok) delta.puts.push(r.record);
      else {
        delta.deletes.push(id);
        if (r) delta.rejects.push(r.reject);
      }
    }
    deltas.push(delta);
  }
  return deltas;
}

/** Every record of a document, for a rebuild. */
export function allRecords(doc: Y.Doc, docName: DocName): Changed {
  const changed: Changed = new Map();
  if (docName === SETTINGS_DOC_NAME) changed.set(SETTINGS_MAP, new Set([SETTINGS_ID]));
  for (const name of collectionsIn(docName)) {
    const map = doc.getMap<unknown>(name);
    changed.set(name, new Set(map.keys()));
  }
  return changed;
}
