// Messages between the "Your data" page and its worker (export.worker.ts, logic in jobs.ts).
import type { CollectionName } from '@tally/model';
import type { BackupContents } from '@tally/model/exports/contents';
import type { Result } from '@tally/model/result';
import type { Kdf } from './crypto.ts';

export interface Progress {
  stage: 'reading' | 'building' | 'writing' | 'encrypting' | 'decrypting' | 'checking';
  done: number;
  total: number;
  /** What is being worked on, for people: "Time entries". */
  label?: string;
}

export interface TableOptions {
  /** The IndexedDB database to read (the store's). */
  db: string;
  zone: string;
  currency: string;
  now: number;
  escapeFormulae: boolean;
}

export type JobRequest =
  | {
      type: 'backup';
      docs: { name: string; state: Uint8Array }[];
      appVersion: string;
      createdAt: number;
      /** Encrypt with this passphrase. */
      passphrase?: string;
    }
  | { type: 'open-backup'; bytes: Uint8Array; passphrase?: string }
  | ({ type: 'csv'; collection: CollectionName } & TableOptions)
  | ({ type: 'csv-zip' } & TableOptions)
  | ({ type: 'xlsx' } & TableOptions);

export interface FileOut {
  bytes: Uint8Array;
  /** MIME type. */
  type: string;
  /** Records written, for the message afterwards. */
  records: number;
  /** The key derivation used, for encrypted backups. */
  kdf?: Kdf;
}

export interface OpenedFile {
  encrypted: boolean;
  contents: BackupContents;
  docs: { name: string; state: Uint8Array }[];
  migratedFrom?: number;
}

export type JobErrorKind =
  | 'needs-passphrase'
  | 'wrong-passphrase'
  | 'damaged'
  | 'unsupported'
  | 'kdf-unavailable'
  | 'not-a-backup'
  | 'newer-format'
  | 'corrupt'
  | 'failed'
  | 'cancelled';

/** Every error carries a sentence for the person. */
export interface JobError {
  kind: JobErrorKind;
  message: string;
}

export type JobResult = Result<FileOut, JobError> | Result<OpenedFile, JobError>;

export type JobResponse =
  | { type: 'progress'; job: number; progress: Progress }
  | { type: 'done'; job: number; result: JobResult };

export type JobMessage = { job: number; request: JobRequest };
