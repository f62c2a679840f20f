// What the activities pages and the import worker say to each other. Files go over as `File`s
// (the worker reads them one at a time, so the page never holds a whole export in memory);
// results come back per dropped file, kept files' bytes transferred rather than copied.
import type { ImportResult } from '@tally/model/activities/importer';
import type { LatLon } from '@tally/model/activities/geo';

export interface ImportRequest {
  type: 'import';
  job: number;
  files: File[];
  /**
   * Where each file was in a dropped folder, the folder first ("export_123/activities/1.gpx");
   * '' for a file dropped or chosen on its own. Files of one folder are read together.
   */
  paths?: string[];
  /** Content hashes and `kind:providerId` keys already in the log. */
  knownHashes: string[];
  knownProviderIds: string[];
  timeZone: string;
  keepFiles: boolean;
}

export interface CancelRequest {
  type: 'cancel';
  job: number;
}

/** Re-reads one kept file for its track (the detail page's drawing). */
export interface TrackRequest {
  type: 'track';
  job: number;
  name: string;
  bytes: Uint8Array;
  timeZone: string;
}

export type WorkerRequest = ImportRequest | CancelRequest | TrackRequest;

export interface ImportProgress {
  /** Dropped files finished, of `filesTotal`. */
  filesDone: number;
  filesTotal: number;
  /** Input bytes dealt with, of `bytesTotal`: moves smoothly through a large archive. */
  bytesDone: number;
  bytesTotal: number;
  /** Files and archive entries read so far. */
  entries: number;
  /** What is being read now. */
  current: string;
}

export interface TrackOfActivity {
  id: string;
  start: number;
  track: LatLon[];
}

export type WorkerResponse =
  | ({ type: 'progress'; job: number } & ImportProgress)
  | { type: 'file'; job: number; results: ImportResult[]; skipped: number }
  | { type: 'done'; job: number; cancelled: boolean }
  | { type: 'track'; job: number; tracks: TrackOfActivity[] }
  | { type: 'error'; job: number; message: string };
