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

/** Kept on this device only: never synced, never in backups or exports (with kept files). */
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
    text: 'workout files (FIT, GPX, TCX) — only if you choose to keep them. Their names, sizes and checksums are records like the others; the files themselves stay here, unless you turn on “Also sync kept files to my sync server”',
    tables: ['blobs'],
  },
  {
    id: 'working-copies',
    text: 'working copies Tally derives from your records to open screens quickly (tables for lists and search, and notes of records this version could not read). They hold nothing that is not in the records above',
    tables: ['rejects', 'local'],
    projections: true,
  },
];

/** The kept files when the person syncs them: on this device and on their own sync server. */
export const syncedKeptFiles: DeviceOnlyItem = {
  id: 'kept-files-synced',
  text: 'workout files (FIT, GPX, TCX) you chose to keep, exactly as imported, because “Also sync kept files to my sync server” is on. They count against your account’s storage there, and your other devices fetch them to draw routes. They are not in backups or exports',
  tables: ['blobs'],
};

/**
 * What the page lists as device-only, for the state of the `syncKeptFiles` setting: with it on,
 * kept files also go to the sync server, so they leave this list for the "sent" one.
 */
export function deviceOnlyItems(syncKeptFiles: boolean): readonly DeviceOnlyItem[] {
  return syncKeptFiles ? deviceOnly.filter((item) => item.id !== 'kept-files') : deviceOnly;
}

/** Local tables whose contents also go to the sync server (beyond the documents). */
export function sentItems(syncKeptFiles: boolean): readonly DeviceOnlyItem[] {
  return syncKeptFiles ? [syncedKeptFiles] : [];
}
