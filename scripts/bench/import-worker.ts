// Runs in a Web Worker in headless Chromium: synthesises workout files and imports them with the
// model's importer, posting each batch's activities back to the page, as the app's worker does.
import { importer } from '@tally/model/activities/index';
import { fitFile, gpxDocument, meridianTrack, tcxDocument } from '@tally/model/activities/testing';

export interface Batch {
  type: 'batch';
  items: { id: string; input: importer.Imported['input'] }[];
  failed: number;
}

const encoder = new TextEncoder();

/** One synthetic hour-long workout per day, in a mix of formats (FIT 40 %, GPX 30 %, TCX 30 %). */
function file(i: number): { name: string; bytes: Uint8Array } {
  const start = Date.UTC(2020, 0, 1, 7) + i * 86_400_000;
  const points = meridianTrack({
    start,
    count: 720,
    stepMeters: 14,
    stepSeconds: 5,
    ele: (k) => 100 + (k % 40),
    heartRate: (k) => 120 + (k % 30),
  });
  const kind = i % 10;
  if (kind < 4) {
    return {
      name: `ride-${i}.fit`,
      bytes: fitFile({
        sessions: [
          {
            sport: 'cycling',
            start,
            elapsedSeconds: 3600,
            timerSeconds: 3550,
            distanceMeters: 10_000 + i,
            calories: 600,
            avgHeartRate: 135,
            maxHeartRate: 170,
          },
        ],
        records: points,
        activity: { timestamp: start + 3_600_000 },
      }),
    };
  }
  if (kind < 7) {
    return {
      name: `run-${i}.gpx`,
      bytes: encoder.encode(
        gpxDocument([{ name: `Run ${i}`, type: 'running', segments: [points] }]),
      ),
    };
  }
  return {
    name: `walk-${i}.tcx`,
    bytes: encoder.encode(
      tcxDocument({
        sport: 'Running',
        laps: [{ start, totalSeconds: 3600, distance: 10_000, calories: 500, points }],
      }),
    ),
  };
}

self.onmessage = async (event: MessageEvent<{ count: number; batch: number }>) => {
  const { count, batch } = event.data;
  let bytes = 0;
  let importMs = 0;
  for (let from = 0; from < count; from += batch) {
    // Making the files is not part of the measure: in the app they come from disk.
    const files = Array.from({ length: Math.min(batch, count - from) }, (_, k) => file(from + k));
    bytes += files.reduce((s, f) => s + f.bytes.length, 0);
    const t0 = performance.now();
    const report = await importer.importFiles(files, { ids: 'content', timeZone: 'UTC' });
    importMs += performance.now() - t0;
    const items = report.results.flatMap((r) =>
      r.status === 'imported' ? [{ id: r.id, input: r.input }] : [],
    );
    self.postMessage({
      type: 'batch',
      items,
      failed: report.results.length - items.length,
    } satisfies Batch);
  }
  self.postMessage({ type: 'done', bytes, importMs });
};
