// What a backup file holds, for the person about to restore it: how many records of each
// collection (from the file's JSON rendering), grouped by module, and anything this version does
// not know.
import type { Backup } from '../backup.ts';
import { collectionNames, collections, type CollectionName, type Module } from '../collections.ts';

export interface BackupContents {
  appVersion: string;
  /** ISO 8601, as the file says. */
  createdAt: string;
  formatVersion: number;
  documents: number;
  /** Every collection with records, in registry order. */
  collections: { name: CollectionName; label: string; module: Module; count: number }[];
  hasSettings: boolean;
  /** Tables this version does not know (a newer app's), by name. */
  unknown: { name: string; count: number }[];
  /** Records in known collections. */
  total: number;
}

export function backupContents(backup: Backup): BackupContents {
  const records = backup.records;
  const known = collectionNames
    .map((name) => ({
      name,
      label: collections[name].label,
      module: collections[name].module,
      count: records[name]?.length ?? 0,
    }))
    .filter((c) => c.count > 0);
  const unknown = Object.keys(records)
    .filter((name) => name !== 'settings' && !Object.hasOwn(collections, name))
    .sort()
    .map((name) => ({ name, count: records[name]?.length ?? 0 }));
  return {
    appVersion: backup.appVersion,
    createdAt: backup.createdAt,
    formatVersion: backup.formatVersion,
    documents: backup.docs.length,
    collections: known,
    hasSettings: (records.settings?.length ?? 0) > 0,
    unknown,
    total: known.reduce((sum, c) => sum + c.count, 0),
  };
}
