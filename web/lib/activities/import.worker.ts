// Reads activity files off the main thread: FIT decoding, XML parsing, unzipping and hashing a
// whole Strava export would freeze the page for minutes. One dropped file at a time, results
// posted as each finishes (the page stores them meanwhile); a cancel stops between archive
// entries and what finished is still posted.
import { importFile, providerKey, type ImportResult } from '@tally/model/activities/importer';
import type {
  ImportRequest,
  TrackRequest,
  WorkerRequest,
  WorkerResponse,
} from './import-protocol.ts';

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
  try {
    for (const [index, file] of files.entries()) {
      if (controller.signal.aborted) break;
      progress(index, 0, file.name, true);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        post({
          type: 'file',
          job,
          skipped: 0,
          results: [
            {
              status: 'failed',
              file: file.name,
              reason: 'corrupt',
              message: `${file.name} could not be read from this device (${error instanceof Error ? error.message : String(error)}).`,
            },
          ],
        });
        bytesBefore += file.size;
        continue;
      }
      const entriesBefore = entries;
      let report: Awaited<ReturnType<typeof importFile>>;
      try {
        report = await importFile(file.name, bytes, {
          ids: 'content',
          knownHashes,
          knownProviderIds,
          keepFiles: request.keepFiles,
          timeZone: request.timeZone,
          signal: controller.signal,
          onProgress: (p) => {
            entries = entriesBefore + p.entries;
            progress(index, (p.done / Math.max(1, p.total)) * file.size, p.current);
          },
        });
      } catch (error) {
        // A reader's bug on one file must not end the batch: the rest still import.
        report = {
          cancelled: false,
          skipped: 0,
          results: [
            {
              status: 'failed',
              file: file.name,
              reason: 'corrupt',
              message: `${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).`,
            },
          ],
        };
      }
      // Later files are checked against this one's workouts too.
      for (const result of report.results) {
        if (result.status === 'imported') {
          for (const source of result.input.sources ?? []) {
            if (source.contentHash) knownHashes.add(source.contentHash);
            if (source.providerId)
              knownProviderIds.add(providerKey(source.kind, source.providerId));
          }
        } else if (result.status === 'duplicate' && result.contentHash) {
          knownHashes.add(result.contentHash);
        }
      }
      post(
        { type: 'file', job, results: report.results, skipped: report.skipped },
        keptBuffers(report.results),
      );
      bytesBefore += file.size;
      if (report.cancelled) break;
      progress(index + 1, 0, '', true);
    }
    post({ type: 'done', job, cancelled: controller.signal.aborted });
  } finally {
    running.delete(job);
  }
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
