// Kept activity files (the device-only `blobs` table) on the user's own sync server, when they
// opt in. Files are immutable and named by their SHA-256, so no Yjs is needed: the server lists
// what it has, this device sends what it lacks, and a device without the bytes fetches them by
// hash and checks them before keeping them.
import { err, ok, workouts, type Result } from '@tally/model';
import type { TallyDB } from '../store/schema.ts';
import type { Api, ApiError, ServerFiles } from './api.ts';

/** Uploads at a time: enough to hide latency, little enough not to choke a phone's uplink. */
export const UPLOAD_CONCURRENCY = 2;

export interface SkippedFile {
  hash: string;
  name: string;
  size: number;
  /** Why it was not sent, in words (the server's, when it said). */
  reason: string;
}

export interface FailedFile {
  hash: string;
  name: string;
  error: string;
  kind: ApiError['kind'] | 'over-quota';
}

export interface UploadSummary {
  uploaded: number;
  /** Local files the server listed already. */
  alreadyThere: number;
  /** Larger than the server takes: they stay on this device only. */
  skipped: SkippedFile[];
  failed: FailedFile[];
  /** Files not tried because the server stopped taking any (quota, sign-in, connection). */
  notTried: number;
}

export interface UploadProgress {
  done: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  /** Hashes not to send this time (found too large earlier in this session). */
  exclude?: ReadonlySet<string>;
}

export type FetchError =
  ApiError | { kind: 'missing'; message: string } | { kind: 'mismatch'; message: string };

export function listServerFiles(api: Api): Promise<Result<ServerFiles, ApiError>> {
  return api.files();
}

/**
 * Sends every file kept on this device that the server does not list. A file the server finds
 * too large is skipped (it stays here); a refusal that would refuse every file (quota used up,
 * signed out, server gone) stops the run, and the rest count as not tried.
 */
export async function uploadMissingFiles(
  api: Api,
  db: TallyDB,
  options: UploadOptions = {},
): Promise<Result<UploadSummary, ApiError>> {
  const listed = await listServerFiles(api);
  if (!listed.ok) return listed;
  const onServer = new Set(listed.value.files.map((f) => f.hash));
  const max = listed.value.maxFileBytes;
  const local = await db.blobs.toCollection().primaryKeys();
  const todo = local.filter((h) => !onServer.has(h) && !options.exclude?.has(h));
  const summary: UploadSummary = {
    uploaded: 0,
    alreadyThere: local.filter((h) => onServer.has(h)).length,
    skipped: [],
    failed: [],
    notTried: 0,
  };
  let done = 0;
  let stopped = false;
  options.onProgress?.({ done, total: todo.length });
  const queue = [...todo];
  const worker = async (): Promise<void> => {
    for (let hash = queue.shift(); hash !== undefined; hash = queue.shift()) {
      if (stopped) {
        summary.notTried++;
        continue;
      }
      const blob = await db.blobs.get(hash);
      if (blob) {
        if (max !== undefined && blob.bytes.byteLength > max) {
          summary.skipped.push({
            hash,
            name: blob.name,
            size: blob.bytes.byteLength,
            reason: `It is larger than your sync server takes (at most ${mebibytes(max)}).`,
          });
        } else {
          const put = await api.putFile(hash, blob.bytes);
          if (put.ok) summary.uploaded++;
          else if (put.error.kind === 'too-large') {
            summary.skipped.push({
              hash,
              name: blob.name,
              size: blob.bytes.byteLength,
              reason: put.error.message,
            });
          } else {
            summary.failed.push({
              hash,
              name: blob.name,
              error: put.error.message,
              kind: put.error.kind,
            });
            // A wrong hash is this file's problem; anything else would refuse the next one too.
            if (put.error.kind !== 'refused') stopped = true;
          }
        }
      }
      options.onProgress?.({ done: ++done, total: todo.length });
    }
  };
  await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, worker));
  return ok(summary);
}

/**
 * Fetches a kept file by its hash, checks the bytes are the ones named, and keeps them in
 * `blobs` under `name` (the file name tells the reader its format). Nothing is stored when the
 * server has no such file (`missing`) or sends other bytes (`mismatch`).
 */
export async function fetchKeptFile(
  api: Api,
  db: TallyDB,
  hash: string,
  options: { name?: string; now?: () => number } = {},
): Promise<Result<Uint8Array, FetchError>> {
  const got = await api.getFile(hash);
  if (!got.ok) return got;
  if (got.value === undefined) {
    return err({
      kind: 'missing',
      message: 'Your sync server does not have this file: no device has sent it there yet.',
    });
  }
  const bytes = got.value;
  // The same hash the importer named the file by.
  if ((await workouts.hash.sha256Hex(bytes)) !== hash) {
    return err({
      kind: 'mismatch',
      message:
        'The file your sync server sent is not the one kept (its checksum differs), so it was not used.',
    });
  }
  const name =
    options.name ??
    ((await db.sourceFiles.where('contentHash').equals(hash).first())?.fileName as
      string | undefined) ??
    hash;
  await db.blobs.put({ hash, bytes, name, addedAt: (options.now ?? Date.now)() });
  return ok(bytes);
}

/** What a person should hear about an upload, or undefined when all went well. */
export function describeUpload(
  summary: UploadSummary,
  options: { skipped?: boolean } = {},
): { message: string; tone: 'info' | 'error' } | undefined {
  const parts: string[] = [];
  const first = summary.failed[0];
  if (first) {
    const n = summary.failed.length;
    parts.push(
      n === 1
        ? `Could not send the kept file “${first.name}” to your sync server: ${withStop(first.error)}`
        : `Could not send ${n} kept files to your sync server: ${withStop(first.error)}`,
    );
    if (summary.notTried > 0) {
      parts.push(
        `${summary.notTried} more ${summary.notTried === 1 ? 'was' : 'were'} not tried; Tally tries again the next time it connects.`,
      );
    }
  }
  const skipped = summary.skipped[0];
  if (skipped && options.skipped !== false) {
    const n = summary.skipped.length;
    parts.push(
      n === 1
        ? `“${skipped.name}” stays on this device only: ${withStop(skipped.reason)}`
        : `${n} kept files stay on this device only, larger than your sync server takes: ${withStop(skipped.reason)}`,
    );
  }
  if (parts.length === 0) return undefined;
  return { message: parts.join(' '), tone: first ? 'error' : 'info' };
}

/** How a sending of kept files ended: a summary, or why it could not start. */
export type KeptFilesOutcome =
  | { at: number; summary: UploadSummary; error?: undefined; kind?: undefined }
  | { at: number; error: string; kind: ApiError['kind']; summary?: undefined };

/** A sending of kept files in words, when there is something to tell. */
export function keptFilesProblem(
  outcome: KeptFilesOutcome,
  options: { skipped?: boolean } = {},
): { message: string; tone: 'info' | 'error' } | undefined {
  return outcome.summary
    ? describeUpload(outcome.summary, options)
    : { message: outcome.error, tone: 'error' };
}

function mebibytes(bytes: number): string {
  return `${Number((bytes / 1_048_576).toFixed(1))} MiB`;
}

function withStop(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
