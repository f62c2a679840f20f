// What the privacy page says each of Tally's IndexedDB tables holds. The page renders these
// lists, and privacy.test.ts checks them against the database the app really opens: a new table
// cannot appear without the page saying what it is for.

/** The app's tables besides the projections (schema.ts; the test holds the two together). */
export type StorageTable = 'docs' | 'updates' | 'rejects' | 'local' | 'blobs';

/**
 * Your records themselves: one Yjs document per module and year, with the changes that make
 * it. These are what syncs and what a backup holds.
 */
export const documentTables: readonly StorageTable[] = ['docs', 'updates'];

export interface DeviceOnlyItem {
  id: string;
  /** A sentence fragment, for a list. */
  text: string;
  tables: readonly StorageTable[];
  /** The projection tables too (the working copies). */
  projections?: true;
}

/** Kept on this device only: never synced, never in backups or exports. */
export const deviceOnly: readonly DeviceOnlyItem[] = [
  {
    id: 'sign-in',
    text: "the sync sign-in, when you sign in: the server's address, your username, this device's name and its sign-in token (your password is not kept)",
    tables: ['local'],
  },
  {
    id: 'pulled',
    text: 'which parts of your data this device last fetched from the sync server, and when',
    tables: ['local'],
  },
  {
    id: 'last-use',
    text: 'when you last used this device, so the timer can ask about idle time',
    tables: ['local'],
  },
  {
    id: 'kept-files',
    text: 'workout files (FIT, GPX, TCX) — only if you choose to keep them. Their names, sizes and checksums are records like the others; the files themselves stay here',
    tables: ['blobs'],
  },
  {
    id: 'working-copies',
    text: 'working copies Tally derives from your records to open screens quickly (tables for lists and search, and notes of records this version could not read). They hold nothing that is not in the records above',
    tables: ['rejects', 'local'],
    projections: true,
  },
];
