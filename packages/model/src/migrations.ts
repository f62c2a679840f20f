// Each document records the schema version it was last migrated to, in its `_meta` map.
// Migrations run when a document is opened. They must be safe to run on several devices at
// once, and more than once: a migration reads the document and writes only what is still
// missing (set a field if absent, never "increment"), so concurrent runs converge on one result.
import * as Y from 'yjs';
import type { DocName } from './documents.ts';
import { err, ok, type Result } from './result.ts';

export const META_MAP = '_meta';
export const SCHEMA_VERSION = 1;

export interface Migration {
  /** The version a document has after this migration. */
  version: number;
  description: string;
  applies(docName: DocName): boolean;
  run(doc: Y.Doc): void;
}

/** The app's migrations, oldest first. Version 1 is the first schema: nothing to do. */
export const migrations: readonly Migration[] = [];

export function schemaVersionOf(doc: Y.Doc): number {
  const value = doc.getMap(META_MAP).get('schemaVersion');
  return typeof value === 'number' ? value : 0;
}

export type MigrationError = { kind: 'newer'; version: number; supported: number };

/**
 * Brings a document to `target`. A document already written by a newer version is reported, not
 * touched: this version could misread it.
 */
export function migrate(
  doc: Y.Doc,
  docName: DocName,
  origin: unknown,
  list: readonly Migration[] = migrations,
  target: number = SCHEMA_VERSION,
): Result<{ from: number; to: number }, MigrationError> {
  const from = schemaVersionOf(doc);
  if (from > target) return err({ kind: 'newer', version: from, supported: target });
  if (from === target) return ok({ from, to: target });
  doc.transact(() => {
    for (const m of list) {
      if (m.version > from && m.version <= target && m.applies(docName)) m.run(doc);
    }
    doc.getMap(META_MAP).set('schemaVersion', target);
  }, origin);
  return ok({ from, to: target });
}
