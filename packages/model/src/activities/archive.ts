// .gz and .zip through fflate's synchronous API (we are already off the main thread, in a
// worker; its async API would start workers of its own). A zip is listed first and read in
// batches, so a multi-gigabyte export never sits in memory decompressed all at once.
import { gunzipSync, unzipSync } from 'fflate';
import { err, ok, type Result } from '../result.ts';
import { failure, type ParseFailure } from './parsed.ts';

/** Larger entries are refused: no workout file is this big, and a zip bomb is. */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export interface ZipEntry {
  path: string;
  /** Uncompressed size in bytes, as the archive states it. */
  size: number;
  compressedSize: number;
}

export function gunzip(bytes: Uint8Array, name: string): Result<Uint8Array, ParseFailure> {
  try {
    return ok(gunzipSync(bytes));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return err(
      /EOF/i.test(message)
        ? failure('truncated', `"${name}" is a gzip file that is cut short (${message}).`)
        : failure('corrupt', `"${name}" is a damaged gzip file (${message}).`),
    );
  }
}

export function listZip(bytes: Uint8Array, name: string): Result<ZipEntry[], ParseFailure> {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.endsWith('/')) {
          entries.push({ path: file.name, size: file.originalSize, compressedSize: file.size });
        }
        return false;
      },
    });
  } catch (e) {
    return err(zipFailure(e, name));
  }
  return ok(entries);
}

/** The bytes of the named entries; fails whole if any of them cannot be read. */
export function readZip(
  bytes: Uint8Array,
  name: string,
  paths: readonly string[],
): Result<Map<string, Uint8Array>, ParseFailure> {
  const wanted = new Set(paths);
  try {
    const files = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
    return ok(new Map(Object.entries(files)));
  } catch (e) {
    return err(zipFailure(e, name));
  }
}

function zipFailure(e: unknown, name: string): ParseFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (/compression/i.test(message)) {
    return failure(
      'unsupported',
      `"${name}" uses a zip compression Tally cannot read (${message}).`,
    );
  }
  if (/invalid zip data|EOF/i.test(message)) {
    return failure(
      'truncated',
      `"${name}" is not a complete zip archive (${message}); it may be cut short.`,
    );
  }
  return failure('corrupt', `"${name}" is a damaged zip archive (${message}).`);
}
