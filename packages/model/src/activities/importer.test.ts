import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as ids from '../ids.ts';
import { testIds } from '../testing.ts';
import * as hash from './hash.ts';
import {
  importFile,
  importFiles,
  importFolder,
  type FolderFile,
  type ImportProgress,
  type ImportResult,
  type Imported,
} from './importer.ts';
import { fitFile, gpxDocument, meridianTrack, tcxDocument } from './testing.ts';

const START = Date.UTC(2024, 4, 1, 6, 0, 0);
const HOUR = 3_600_000;

const gpxRun = (start = START, name = 'Morning run'): Uint8Array =>
  strToU8(gpxDocument([{ name, type: 'running', segments: [meridianTrack({ start, count: 6 })] }]));
const fitRide = (start = START + 5 * HOUR): Uint8Array =>
  fitFile({
    sessions: [
      { sport: 'cycling', start, elapsedSeconds: 3600, timerSeconds: 3500, distanceMeters: 30_000 },
    ],
  });
const tcxWalk = (start = START + 10 * HOUR): Uint8Array =>
  strToU8(
    tcxDocument({
      sport: 'Other',
      laps: [
        { start, totalSeconds: 1200, distance: 1500, points: meridianTrack({ start, count: 3 }) },
      ],
    }),
  );

function byStatus(results: ImportResult[]): Record<string, number> {
  return results.reduce<Record<string, number>>(
    (counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }),
    {},
  );
}

function importedOnly(results: ImportResult[]): Imported[] {
  return results.filter((r): r is Imported => r.status === 'imported');
}

describe('importFile: single files', () => {
  it('imports a GPX with its source, and an id placed at the workout start', async () => {
    const bytes = gpxRun();
    const report = await importFile('run.gpx', bytes, { ids: testIds(1) });
    expect(report).toMatchObject({ cancelled: false, skipped: 0 });
    const [r] = importedOnly(report.results);
    expect(r).toMatchObject({
      status: 'imported',
      file: 'run.gpx',
      input: {
        name: 'Morning run',
        sport: 'running',
        start: START,
        elapsedSeconds: 1500,
        sources: [{ kind: 'gpx', fileName: 'run.gpx', contentHash: await hash.sha256Hex(bytes) }],
      },
    });
    expect(r!.input.distanceMeters).toBeCloseTo(5000, 1);
    expect(ids.timeOf(r!.id)).toBe(START);
    expect(r!.entry).toBeUndefined();
  });

  it('hashes the uncompressed bytes, so file.fit and file.fit.gz are one file', async () => {
    const fit = fitRide();
    const plain = await importFile('ride.fit', fit, { ids: testIds(1) });
    const gz = await importFile('ride.fit.gz', gzipSync(fit), { ids: testIds(1) });
    const [a] = importedOnly(plain.results);
    const [b] = importedOnly(gz.results);
    expect(b!.input.sources).toEqual([
      { kind: 'fit', fileName: 'ride.fit.gz', contentHash: a!.input.sources![0]!.contentHash },
    ]);
    expect(b!.input).toMatchObject({
      sport: 'cycling',
      movingSeconds: 3500,
      distanceMeters: 30_000,
    });
  });

  it('content ids are the same on every device and run, and differ between files', async () => {
    const first = importedOnly((await importFile('a.gpx', gpxRun(), { ids: 'content' })).results);
    const again = importedOnly(
      (await importFile('renamed.gpx', gpxRun(), { ids: 'content' })).results,
    );
    const other = importedOnly(
      (await importFile('b.gpx', gpxRun(START, 'Another'), { ids: 'content' })).results,
    );
    expect(first[0]!.id).toBe(again[0]!.id);
    expect(other[0]!.id).not.toBe(first[0]!.id);
    expect(ids.isId(first[0]!.id)).toBe(true);
    expect(ids.timeOf(first[0]!.id)).toBe(START);
  });

  it('gives each multisport leg of one file its own content id', async () => {
    const tri = fitFile({
      sessions: [
        { sport: 'swimming', start: START, elapsedSeconds: 600 },
        { sport: 'running', start: START + 700_000, elapsedSeconds: 600 },
      ],
    });
    const legs = importedOnly((await importFile('tri.fit', tri, { ids: 'content' })).results);
    expect(legs).toHaveLength(2);
    expect(legs[0]!.id).not.toBe(legs[1]!.id);
    expect(legs.map((l) => ids.timeOf(l.id))).toEqual([START, START + 700_000]);
  });

  it('returns the file to keep, and the track, only when asked', async () => {
    const bytes = gpxRun();
    const lean = importedOnly(
      (await importFile('run.gpx.gz', gzipSync(bytes), { ids: testIds(1) })).results,
    );
    expect(lean[0]!.keptFile).toBeUndefined();
    expect(lean[0]!.track).toBeUndefined();
    expect(lean[0]!.input).not.toHaveProperty('track');
    const kept = importedOnly(
      (
        await importFile('run.gpx.gz', gzipSync(bytes), {
          ids: testIds(1),
          keepFiles: true,
          includeTrack: true,
        })
      ).results,
    );
    expect(kept[0]!.keptFile).toEqual({
      contentHash: await hash.sha256Hex(bytes),
      fileName: 'run.gpx.gz',
      kind: 'gpx',
      size: bytes.length,
      bytes,
    });
    expect(kept[0]!.track).toHaveLength(2);
  });

  it.each([
    [
      'a damaged gzip',
      'x.gpx.gz',
      gzipSync(gpxRun()).map((b, i) => (i > 20 && i < 30 ? 0 : b)),
      'corrupt',
    ],
    ['a gzip cut short', 'x.gpx.gz', gzipSync(gpxRun()).subarray(0, 40), 'truncated'],
    ['a zip cut short', 'x.zip', zipSync({ 'a.gpx': gpxRun() }).subarray(0, 60), 'truncated'],
    ['a photo', 'photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'unsupported'],
    ['an empty file', 'empty.fit', new Uint8Array(0), 'no-points'],
    ['a workout before 1970', 'old.gpx', gpxRun(Date.UTC(1969, 6, 20)), 'unknown-start'],
  ])('fails cleanly on %s', async (_name, file, bytes, reason) => {
    const report = await importFile(file, bytes, { ids: testIds(1) });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ status: 'failed', file, reason });
    expect(report.results[0]!.status === 'failed' && report.results[0]!.message).toMatch(/\S/);
  });
});

describe('importFiles: batches, duplicates, progress and cancelling', () => {
  it('stores a file once: a second copy in the batch and a known hash are duplicates', async () => {
    const run = gpxRun();
    const first = await importFiles(
      [
        { name: 'run.gpx', bytes: run },
        { name: 'copy of run.gpx', bytes: run },
        { name: 'ride.fit', bytes: fitRide() },
      ],
      { ids: testIds(1) },
    );
    expect(first.results.map((r) => r.status)).toEqual(['imported', 'duplicate', 'imported']);
    const known = new Set(
      importedOnly(first.results).map((r) => r.input.sources![0]!.contentHash!),
    );
    const again = await importFiles(
      [
        { name: 'run.gpx', bytes: run },
        { name: 'ride.fit.gz', bytes: gzipSync(fitRide()) },
      ],
      { ids: testIds(1), knownHashes: known },
    );
    expect(again.results).toEqual([
      expect.objectContaining({
        status: 'duplicate',
        file: 'run.gpx',
        message: 'run.gpx was imported before (same content).',
      }),
      expect.objectContaining({ status: 'duplicate', file: 'ride.fit.gz' }),
    ]);
  });

  it('keeps going past broken files', async () => {
    const report = await importFiles(
      [
        { name: 'broken.fit', bytes: fitRide().subarray(0, 30) },
        { name: 'run.gpx', bytes: gpxRun() },
        { name: 'notes.txt', bytes: strToU8('hello') },
        { name: 'walk.tcx', bytes: tcxWalk() },
      ],
      { ids: testIds(1) },
    );
    expect(report.results.map((r) => [r.file, r.status])).toEqual([
      ['broken.fit', 'failed'],
      ['run.gpx', 'imported'],
      ['notes.txt', 'failed'],
      ['walk.tcx', 'imported'],
    ]);
  });

  it('reports progress in bytes that only go forward and end at the total', async () => {
    const files = [
      { name: 'a.gpx', bytes: gpxRun() },
      { name: 'b.zip', bytes: zipSync({ 'x/ride.fit': fitRide(), 'x/walk.tcx': tcxWalk() }) },
    ];
    const seen: ImportProgress[] = [];
    await importFiles(files, { ids: testIds(1), onProgress: (p) => seen.push(p) });
    const total = files.reduce((s, f) => s + f.bytes.length, 0);
    expect(seen.map((p) => p.entries)).toEqual([1, 2, 3]);
    expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1]!.done)).toBe(true);
    expect(seen.at(-1)!.done).toBeCloseTo(total, 6);
    expect(seen.every((p) => p.total === total)).toBe(true);
  });

  it('stops when cancelled and keeps what finished', async () => {
    const controller = new AbortController();
    const archive = zipSync({
      '1.gpx': gpxRun(START),
      '2.gpx': gpxRun(START + HOUR),
      '3.gpx': gpxRun(START + 2 * HOUR),
    });
    const report = await importFiles(
      [
        { name: 'all.zip', bytes: archive },
        { name: 'later.fit', bytes: fitRide() },
      ],
      {
        ids: testIds(1),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.entries === 2) controller.abort();
        },
      },
    );
    expect(report.cancelled).toBe(true);
    expect(report.results.map((r) => [r.entry, r.status])).toEqual([
      ['1.gpx', 'imported'],
      ['2.gpx', 'imported'],
    ]);
  });
});

describe('zip archives', () => {
  it('reads nested folders and nested zips, and passes over what is not a workout', async () => {
    const inner = zipSync({ 'deep/ride.fit': fitRide() });
    const archive = zipSync({
      'export/runs/run.gpx': gpxRun(),
      'export/walks/walk.tcx.gz': gzipSync(tcxWalk()),
      'export/more.zip': inner,
      'export/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
      '__MACOSX/export/runs/._run.gpx': new Uint8Array([0, 5, 22, 7]),
    });
    const report = await importFile('export.zip', archive, { ids: testIds(1) });
    expect(report.skipped).toBe(1);
    expect(report.results.map((r) => [r.file, r.entry, r.status])).toEqual([
      ['export.zip', 'export/runs/run.gpx', 'imported'],
      ['export.zip', 'export/walks/walk.tcx.gz', 'imported'],
      ['export.zip', 'export/more.zip/deep/ride.fit', 'imported'],
    ]);
    const kinds = importedOnly(report.results).map((r) => r.input.sources![0]!.kind);
    expect(kinds).toEqual(['gpx', 'tcx', 'fit']);
    // The file name recorded is the path inside the archive.
    expect(importedOnly(report.results)[2]!.input.sources![0]!.fileName).toBe(
      'export/more.zip/deep/ride.fit',
    );
  });

  it('refuses an entry claiming to be huge without inflating it', async () => {
    const bomb = zipSync({ 'a.gpx': gpxRun(), 'big.gpx': gpxRun(START + HOUR) });
    // Claim 4 GB uncompressed for big.gpx in the central directory.
    const central = findHeader(bomb, 'big.gpx', 0x02);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(central + 24, 0xfffffff0, true);
    const report = await importFile('bomb.zip', bomb, { ids: testIds(1) });
    expect(report.results.map((r) => [r.entry, r.status])).toEqual([
      ['big.gpx', 'failed'],
      ['a.gpx', 'imported'],
    ]);
    expect(report.results[0]).toMatchObject({ reason: 'too-large' });
  });

  it('a zip with no workouts still completes the progress bar', async () => {
    const photos = zipSync({
      'a.jpg': new Uint8Array([0xff, 0xd8]),
      'b.png': new Uint8Array([0x89]),
    });
    const seen: ImportProgress[] = [];
    const report = await importFile('photos.zip', photos, {
      ids: testIds(1),
      onProgress: (p) => seen.push(p),
    });
    expect(report).toMatchObject({ results: [], skipped: 2 });
    expect(seen.at(-1)!.done).toBe(photos.length);
  });

  it('a damaged entry fails alone', async () => {
    const good = zipSync({ 'a.gpx': gpxRun(), 'b.gpx': gpxRun(START + HOUR) });
    // Break b.gpx's compressed data in place (its local header is after a.gpx's data).
    const damaged = good.slice();
    const second = findHeader(damaged, 'b.gpx', 0x04);
    for (let i = second + 40; i < second + 60; i++) damaged[i] = 0xff;
    const report = await importFile('two.zip', damaged, { ids: testIds(1) });
    expect(report.results.map((r) => [r.entry, r.status])).toEqual([
      ['a.gpx', 'imported'],
      ['b.gpx', 'failed'],
    ]);
  });
});

describe('a Strava "download your data" archive', () => {
  const header =
    'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain';
  const csv = [
    header,
    // A GPX the person named and described, with their gear.
    `101,"May 1, 2024, 6:00:00 AM",Sunrise 5k,Run,"Legs felt ""fresh""",1500,5.00,,,false,,Pegasus 40,activities/101.gpx,,,1500.0,1490.0,5000.0,4.1,3.3,12.0`,
    // A FIT the person retyped: the watch said cycling, they said E-Bike Ride.
    `102,"May 1, 2024, 11:00:00 AM",Commute,E-Bike Ride,,3600,30.00,,,true,private,Trek,activities/102.fit.gz,,,3600.0,3500.0,30000.0,9.0,8.4,100.0`,
    // A manual entry: no file.
    `103,"May 2, 2024, 7:30:00 PM",Gym,Weight Training,,2700,0,,,false,,,,,,2700.0,2700.0,0.0,,,`,
    // A row whose file is not in the archive.
    `104,"May 3, 2024, 7:00:00 AM",Lost file,Run,,1800,6.00,,,false,,,activities/104.fit.gz,,,1800.0,1750.0,6000.0,,,`,
    // A row whose file is damaged: the CSV still knows the workout.
    `105,"May 4, 2024, 7:00:00 AM",Broken file,Walk,,1200,1.50,,,false,,,activities/105.tcx,,,1200.0,1100.0,1500.0,,,`,
  ].join('\n');

  const archive = (): Uint8Array =>
    zipSync({
      'export_123/activities.csv': strToU8(csv),
      'export_123/activities/101.gpx': gpxRun(START, 'file name'),
      'export_123/activities/102.fit.gz': gzipSync(fitRide(Date.UTC(2024, 4, 1, 11))),
      'export_123/activities/105.tcx': strToU8('<TrainingCenterDatabase><Activities>'),
      // In the folder but not in the CSV: imported from the file alone.
      'export_123/activities/999.tcx': tcxWalk(),
      'export_123/profile.csv': strToU8('name\nme'),
      'export_123/media/photo.jpg': new Uint8Array([0xff, 0xd8]),
    });

  it('joins the CSV to the files: names, types, descriptions, gear, ids', async () => {
    const report = await importFile('export_123.zip', archive(), { ids: testIds(1) });
    expect(byStatus(report.results)).toEqual({ imported: 6 });
    expect(report.skipped).toBe(2);
    const byId = new Map(
      importedOnly(report.results).map((r) => [r.input.sources![0]!.providerId ?? r.entry, r]),
    );

    expect(byId.get('101')).toMatchObject({
      entry: 'export_123/activities/101.gpx',
      gearName: 'Pegasus 40',
      input: {
        name: 'Sunrise 5k',
        sport: 'running',
        notes: 'Legs felt "fresh"',
        start: START,
        sources: [{ kind: 'strava', fileName: 'export_123/activities/101.gpx', providerId: '101' }],
      },
    });
    expect(byId.get('101')!.input.sources![0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);

    expect(byId.get('102')!.input).toMatchObject({
      name: 'Commute',
      sport: 'e_biking',
      notes: 'private',
      distanceMeters: 30_000,
    });

    expect(byId.get('103')).toMatchObject({
      entry: 'export_123/activities.csv#4',
      input: {
        name: 'Gym',
        sport: 'training',
        subSport: 'strength_training',
        start: Date.UTC(2024, 4, 2, 19, 30),
        elapsedSeconds: 2700,
        sources: [{ kind: 'strava', providerId: '103' }],
      },
    });
    expect(byId.get('103')!.input.distanceMeters).toBeUndefined();

    expect(byId.get('104')!.warnings.join()).toMatch(/not in the archive/);
    expect(byId.get('104')!.input).toMatchObject({ distanceMeters: 6000, movingSeconds: 1750 });

    expect(byId.get('105')!.warnings.join()).toMatch(
      /105\.tcx could not be read \(The TCX file is cut short.*\); imported from activities\.csv/,
    );
    expect(byId.get('105')!.input).toMatchObject({ name: 'Broken file', sport: 'walking' });

    expect(byId.get('export_123/activities/999.tcx')!.input.sources![0]).toMatchObject({
      kind: 'strava',
      fileName: 'export_123/activities/999.tcx',
    });
  });

  it('a second import of the same archive adds nothing', async () => {
    const first = await importFile('export.zip', archive(), { ids: testIds(1) });
    const stored = importedOnly(first.results);
    const hashes = new Set(
      stored.flatMap((r) => r.input.sources!.map((s) => s.contentHash!)).filter(Boolean),
    );
    const providers = new Set(
      stored.flatMap((r) =>
        r.input.sources!.filter((s) => s.providerId).map((s) => `${s.kind}:${s.providerId}`),
      ),
    );
    const again = await importFile('export.zip', archive(), {
      ids: testIds(1),
      knownHashes: hashes,
      knownProviderIds: providers,
    });
    expect(byStatus(again.results)).toEqual({ duplicate: 6 });
  });
});

describe('an unzipped export dropped as a folder', () => {
  const header =
    'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Activity Gear,Filename,Moving Time,Distance';
  const csv = [
    header,
    `201,"May 1, 2024, 6:00:00 AM",Sunrise 5k,Run,,1500,5.00,Pegasus 40,activities/201.gpx,1490.0,5000.0`,
    `202,"May 1, 2024, 11:00:00 AM",Commute,E-Bike Ride,,3600,30.00,Trek,activities/202.fit.gz,3500.0,30000.0`,
    `203,"May 2, 2024, 7:30:00 PM",Gym,Weight Training,,2700,0,,,2700.0,0.0`,
    `204,"May 3, 2024, 7:00:00 AM",Lost file,Run,,1800,6.00,,activities/204.fit.gz,1750.0,6000.0`,
  ].join('\n');
  const contents: Record<string, Uint8Array> = {
    'activities.csv': strToU8(csv),
    'activities/201.gpx': gpxRun(START, 'file name'),
    'activities/202.fit.gz': gzipSync(fitRide(Date.UTC(2024, 4, 1, 11))),
    'activities/999.tcx': tcxWalk(),
    'media/photo.jpg': new Uint8Array([0xff, 0xd8]),
  };
  // The page lists the files in whatever order the browser walks the folder: CSV last here.
  const order = [
    'activities/201.gpx',
    'media/photo.jpg',
    'activities/999.tcx',
    'activities/202.fit.gz',
    'activities.csv',
  ];

  function folder(reads: string[], fail?: string): FolderFile[] {
    return order.map((path) => ({
      path,
      size: contents[path]!.length,
      read: () => {
        reads.push(path);
        if (path === fail) return Promise.reject(new Error('NotReadableError'));
        return Promise.resolve(contents[path]!);
      },
    }));
  }

  it('joins the CSV to the files as the archive would, under the same ids', async () => {
    const reads: string[] = [];
    const chunks: ImportResult[][] = [];
    const progress: ImportProgress[] = [];
    const report = await importFolder('export_123', folder(reads), {
      ids: 'content',
      onResults: (r) => chunks.push(r),
      onProgress: (p) => progress.push(p),
    });
    // The CSV is read first, the photo never.
    expect(reads).toEqual([
      'activities.csv',
      'activities/201.gpx',
      'activities/999.tcx',
      'activities/202.fit.gz',
    ]);
    expect(report.skipped).toBe(1);
    expect(byStatus(report.results)).toEqual({ imported: 5 });
    // Results arrive as files finish, not all at the end, and add up to the report.
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.flat()).toEqual(report.results);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });

    const byId = new Map(
      importedOnly(report.results).map((r) => [r.input.sources![0]!.providerId ?? r.entry, r]),
    );
    expect(byId.get('201')).toMatchObject({
      file: 'export_123',
      entry: 'activities/201.gpx',
      gearName: 'Pegasus 40',
      input: { name: 'Sunrise 5k', sport: 'running', sources: [{ kind: 'strava' }] },
    });
    expect(byId.get('202')!.input).toMatchObject({ name: 'Commute', sport: 'e_biking' });
    expect(byId.get('203')!.input).toMatchObject({ name: 'Gym', subSport: 'strength_training' });
    expect(byId.get('204')!.warnings.join()).toMatch(/not in the folder; imported from the CSV/);

    // The same export zipped gives the same records: importing both adds nothing twice.
    const zipped = await importFile(
      'export_123.zip',
      zipSync(Object.fromEntries(Object.entries(contents).map(([k, v]) => [`export_123/${k}`, v]))),
      { ids: 'content' },
    );
    expect(
      importedOnly(zipped.results)
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      importedOnly(report.results)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('says which file could not be read and goes on with the rest', async () => {
    const report = await importFolder('export_123', folder([], 'activities/999.tcx'), {
      ids: 'content',
    });
    expect(byStatus(report.results)).toEqual({ imported: 4, failed: 1 });
    const failed = report.results.find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ file: 'export_123', entry: 'activities/999.tcx' });
    expect(failed?.status === 'failed' && failed.message).toMatch(
      /export_123\/activities\/999\.tcx could not be read from this device \(NotReadableError\)/,
    );
  });

  it('stops when cancelled and keeps what finished', async () => {
    const controller = new AbortController();
    const report = await importFolder('export_123', folder([]), {
      ids: 'content',
      signal: controller.signal,
      onResults: (r) => {
        if (r.some((x) => x.entry === 'activities/201.gpx')) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.results.map((r) => [r.entry, r.status])).toEqual([
      ['activities/201.gpx', 'imported'],
    ]);
  });
});

describe('a Garmin Connect export', () => {
  const runStart = Date.UTC(2024, 4, 5, 6);
  const rideStart = Date.UTC(2024, 4, 6, 17);
  const summaries = JSON.stringify([
    {
      summarizedActivitiesExport: [
        {
          activityId: 9001,
          name: 'Easy run',
          activityType: 'running',
          startTimeGmt: runStart + 1000,
          duration: 1_800_000,
          distance: 500_000,
        },
        {
          activityId: 9002,
          name: 'Club ride',
          activityType: 'road_biking',
          startTimeGmt: rideStart,
          duration: 3_600_000,
          distance: 3_000_000,
        },
        {
          activityId: 9003,
          name: 'Treadmill',
          activityType: 'treadmill_running',
          startTimeGmt: Date.UTC(2024, 4, 7, 18),
          duration: 1_200_000,
          distance: 300_000,
          elevationGain: 0,
        },
        {
          activityId: 9004,
          name: 'Race',
          activityType: 'multi_sport',
          parent: true,
          startTimeGmt: 0,
          duration: 1,
        },
      ],
    },
  ]);
  const uploads = zipSync({
    'user@example.com_1111.fit': fitFile({
      sessions: [{ sport: 'running', start: runStart, elapsedSeconds: 1800, distanceMeters: 5000 }],
    }),
    'user@example.com_2222.fit': fitFile({
      sessions: [
        { sport: 'cycling', start: rideStart, elapsedSeconds: 3600, distanceMeters: 30_000 },
      ],
    }),
    'user@example.com_3333.fit': fitFile({ fileType: 2 }),
  });
  const archive = zipSync({
    'DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json': strToU8(summaries),
    'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip': uploads,
    'DI_CONNECT/DI-Connect-User/user_profile.json': strToU8('{}'),
  });

  it('reads the nested uploads, names them from the summaries, and imports summary-only ones', async () => {
    const report = await importFile('garmin.zip', archive, { ids: testIds(1) });
    expect(report.results.map((r) => [r.entry, r.status])).toEqual([
      [
        'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/user@example.com_1111.fit',
        'imported',
      ],
      [
        'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/user@example.com_2222.fit',
        'imported',
      ],
      [
        'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/user@example.com_3333.fit',
        'failed',
      ],
      ['summarizedActivities.json#9003', 'imported'],
    ]);
    const [run, ride, , treadmill] = report.results as Imported[];
    expect(run!.input).toMatchObject({
      name: 'Easy run',
      sport: 'running',
      start: runStart,
      sources: [{ kind: 'garmin', providerId: '9001' }],
    });
    expect(ride!.input).toMatchObject({
      name: 'Club ride',
      sport: 'cycling',
      distanceMeters: 30_000,
    });
    expect(treadmill!.input).toMatchObject({
      name: 'Treadmill',
      sport: 'running',
      subSport: 'treadmill',
      elapsedSeconds: 1200,
      distanceMeters: 3000,
      sources: [{ kind: 'garmin', providerId: '9003' }],
    });
    expect(treadmill!.warnings.join()).toMatch(/from its summary/);
    expect(report.results[2]).toMatchObject({ reason: 'not-an-activity' });
  });
});

/** The offset of a zip header for `name`: local (kind 0x04) or central directory (0x02). */
function findHeader(zip: Uint8Array, name: string, kind: 0x02 | 0x04): number {
  const needle = strToU8(name);
  const nameAt = kind === 0x04 ? 30 : 46;
  const lengthAt = kind === 0x04 ? 26 : 28;
  for (let i = 0; i < zip.length - 4; i++) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === kind - 1 && zip[i + 3] === kind) {
      const nameLength = zip[i + lengthAt]! | (zip[i + lengthAt + 1]! << 8);
      const found = zip.subarray(i + nameAt, i + nameAt + nameLength);
      if (found.length === needle.length && found.every((b, j) => b === needle[j])) return i;
    }
  }
  throw new Error(`no header for ${name}`);
}
