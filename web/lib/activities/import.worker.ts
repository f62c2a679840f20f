// Reads activity files off the main thread: FIT decoding, XML parsing, unzipping and hashing a
// whole Strava export would freeze the page for minutes. One dropped file (or dropped folder)
// at a time, results posted as each file or archive entry finishes (the page stores them
// meanwhile); a cancel stops between entries and what finished is still posted.
import {
  importFile,
  importFolder,
  providerKey,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
} from '@tally/model/activities/importer';
import type {
  ImportRequest,
  TrackRequest,
  WorkerRequest,
  WorkerResponse,
} from './import-protocol.ts';
import { unitsOf } from './drop.ts';

const PROGRESS_EVERY_MS = 100;
const running = new Map<number, AbortController>();

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

/** Kept files' bytes, each in a buffer of its own so the transfer moves exactly that file. */
function keptBuffers(results: ImportResult[]): Transferable[] {
  const out: Transferable[] = [];
  for (const result of results) {
    if (result.status !== 'imported' || !result.keptFile) continue;
    let bytes = result.keptFile.bytes;
    if (
      bytes.byteOffset !== 0 ||
      bytes.byteLength !== bytes.buffer.byteLength ||
      out.includes(bytes.buffer)
    ) {
      bytes = bytes.slice();
      result.keptFile.bytes = bytes;
    }
    out.push(bytes.buffer);
  }
  return out;
}

async function runImport(request: ImportRequest): Promise<void> {
  const { job, files } = request;
  const controller = new AbortController();
  running.set(job, controller);
  const knownHashes = new Set(request.knownHashes);
  const knownProviderIds = new Set(request.knownProviderIds);
  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  let bytesBefore = 0;
  let filesBefore = 0;
  let entries = 0;
  let lastPost = 0;
  const progress = (filesDone: number, done: number, current: string, force = false): void => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_EVERY_MS) return;
    lastPost = now;
    post({
      type: 'progress',
      job,
      filesDone,
      filesTotal: files.length,
      bytesDone: Math.min(bytesTotal, bytesBefore + done),
      bytesTotal,
      entries,
      current,
    });
  };
  /** Posts results as they come, and checks later files against their workouts. */
  const deliver = (results: ImportResult[], skipped: number): void => {
    for (const result of results) {
      if (result.status === 'imported') {
        for (const source of result.input.sources ?? []) {
          if (source.contentHash) knownHashes.add(source.contentHash);
          if (source.providerId) knownProviderIds.add(providerKey(source.kind, source.providerId));
        }
      } else if (result.status === 'duplicate' && result.contentHash) {
        knownHashes.add(result.contentHash);
      }
    }
    if (results.length === 0 && skipped === 0) return;
    post({ type: 'file', job, results, skipped }, keptBuffers(results));
  };
  try {
    for (const unit of unitsOf(files, request.paths)) {
      if (controller.signal.aborted) break;
      const unitBytes = unit.files.reduce((sum, f) => sum + f.file.size, 0);
      progress(filesBefore, 0, unit.name, true);
      const entriesBefore = entries;
      let delivered = 0;
      const options: ImportOptions = {
        ids: 'content',
        knownHashes,
        knownProviderIds,
        keepFiles: request.keepFiles,
        timeZone: request.timeZone,
        signal: controller.signal,
        onProgress: (p) => {
          entries = entriesBefore + p.entries;
          const filesDone = unit.folder
            ? filesBefore + Math.min(unit.files.length, p.entries)
            : filesBefore;
          progress(filesDone, (p.done / Math.max(1, p.total)) * unitBytes, p.current);
        },
        // A large archive or folder is stored as it is read, not only at its end.
        onResults: (results) => {
          delivered += results.length;
          deliver(results, 0);
        },
      };
      let report: ImportReport;
      try {
        report = unit.folder
          ? await importFolder(
              unit.name,
              unit.files.map(({ file, path }) => ({
                path,
                size: file.size,
                read: async () => new Uint8Array(await file.arrayBuffer()),
              })),
              options,
            )
          : await importOne(unit.files[0]!.file, options);
      } catch (error) {
        // A reader's bug on one file must not end the batch: the rest still import.
        report = {
          cancelled: false,
          skipped: 0,
          results: [
            {
              status: 'failed',
              file: unit.name,
              reason: 'corrupt',
              message: `${unit.name} could not be read (${error instanceof Error ? error.message : String(error)}).`,
            },
          ],
        };
        delivered = 0;
      }
      deliver(report.results.slice(delivered), report.skipped);
      bytesBefore += unitBytes;
      filesBefore += unit.files.length;
      if (report.cancelled) break;
      progress(filesBefore, 0, '', true);
    }
    post({ type: 'done', job, cancelled: controller.signal.aborted });
  } finally {
    running.delete(job);
  }
}

/** One dropped file; a file the device will not hand over is a failure of its own. */
async function importOne(file: File, options: ImportOptions): Promise<ImportReport> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return {
      cancelled: false,
      skipped: 0,
      results: [
        {
          status: 'failed',
          file: file.name,
          reason: 'corrupt',
          message: `${file.name} could not be read from this device (${error instanceof Error ? error.message : String(error)}).`,
        },
      ],
    };
  }
  return importFile(file.name, bytes, options);
}

async function readTrack(request: TrackRequest): Promise<void> {
  const report = await importFile(request.name, request.bytes, {
    ids: 'content',
    includeTrack: true,
    timeZone: request.timeZone,
  });
  const tracks = report.results.flatMap((r) =>
    r.status === 'imported' && r.track ? [{ id: r.id, start: r.input.start, track: r.track }] : [],
  );
  const failed = report.results.find((r) => r.status === 'failed');
  if (tracks.length === 0 && failed?.status === 'failed') {
    post({ type: 'error', job: request.job, message: failed.message });
    return;
  }
  post({ type: 'track', job: request.job, tracks });
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    running.get(request.job)?.abort();
    return;
  }
  const work = request.type === 'import' ? runImport(request) : readTrack(request);
  work.catch((error: unknown) => {
    // A bug in a reader must still end the job with a message, not leave the page waiting.
    post({
      type: 'error',
      job: request.job,
      message: `Reading stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}.`,
    });
  });
});
