// The detail page's drawing: the kept file is read again in the worker with its track (Tally
// never stores tracks in the records), and the workout's own line picked from the file.
import type { LatLon } from '@tally/model/activities/geo';
import type { TrackOfActivity, WorkerResponse } from './import-protocol.ts';
import { createImportWorker, type WorkerLike } from './worker.ts';

/**
 * The line of the workout `id` (started at `start`) among a file's workouts: the one with its
 * id (ids come from the content), else the one that started closest (a merged record keeps the
 * other source's id).
 */
export function pickTrack(
  tracks: readonly TrackOfActivity[],
  id: string,
  start: number,
): LatLon[] | undefined {
  const exact = tracks.find((t) => t.id === id);
  if (exact) return exact.track;
  let best: TrackOfActivity | undefined;
  for (const t of tracks) {
    if (!best || Math.abs(t.start - start) < Math.abs(best.start - start)) best = t;
  }
  return best?.track;
}

let jobs = 0;

/** Reads a kept file's tracks in a worker of its own, which ends with the answer. */
export function readTracks(
  name: string,
  bytes: Uint8Array,
  timeZone: string,
  createWorker: () => WorkerLike = createImportWorker,
): Promise<{ ok: true; tracks: TrackOfActivity[] } | { ok: false; message: string }> {
  const job = ++jobs;
  const worker = createWorker();
  return new Promise((resolve) => {
    const finish = (
      value: { ok: true; tracks: TrackOfActivity[] } | { ok: false; message: string },
    ): void => {
      worker.terminate();
      resolve(value);
    };
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.job !== job) return;
      if (message.type === 'track') finish({ ok: true, tracks: message.tracks });
      else if (message.type === 'error') finish({ ok: false, message: message.message });
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      finish({
        ok: false,
        message: `The file reader stopped (${event.message || 'unknown error'}).`,
      });
    });
    worker.postMessage({ type: 'track', job, name, bytes, timeZone });
  });
}
