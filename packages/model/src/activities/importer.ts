// Turns dropped files into activity records to write: one file, hundreds, a zip of them, a
// Strava or Garmin export. Runs in a Web Worker; pure apart from awaiting WebCrypto.
// - Each file (or archive entry) gives a result: imported (complete records), duplicate (its
//   content hash, or its provider id, is already known), or failed with a reason for people.
//   Nothing partial: a file yields all of its workouts or a failure.
// - The content hash is SHA-256 of the activity file's uncompressed bytes, so `run.fit` and
//   `run.fit.gz` are the same file.
// - Progress is reported in input bytes (monotonic, known up front); an AbortSignal stops the
//   run between entries and everything finished so far is returned.
// - Ids come from `ids.next(start)` (so a 2019 ride lands in 2019's document) or, with
//   `ids: 'content'`, from the start and the content hash, identical on every device.
import * as v from 'valibot';
import { describeIssues, type NewRecord } from '../collection.ts';
import { collections, type RecordOf } from '../collections.ts';
import type { Ids } from '../ids.ts';
import type { sourceKinds } from '../records/activities.ts';
import * as archive from './archive.ts';
import * as formats from './formats.ts';
import * as garmin from './garmin.ts';
import type { LatLon } from './geo.ts';
import * as hash from './hash.ts';
import type { FailureReason, ParseFailure, ParseOptions, ParsedActivity } from './parsed.ts';
import * as strava from './strava.ts';
import * as xml from './xml.ts';

export type SourceKind = (typeof sourceKinds)[number];

export interface ImportOptions extends ParseOptions {
  /** Where record ids come from: an id source (seeded by each start) or the content. */
  ids: Ids | 'content';
  /** Content hashes already in the log (see `knownKeys`). */
  knownHashes?: ReadonlySet<string>;
  /** `kind:providerId` keys already in the log (see `knownKeys`). */
  knownProviderIds?: ReadonlySet<string>;
  /** Return each file's bytes so the caller can keep it (the user opted in). */
  keepFiles?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Told about results as entries finish (a long folder or archive need not wait for its end
   * to be stored); every result is also in the final report.
   */
  onResults?: (results: ImportResult[]) => void;
}

export interface ImportProgress {
  /** Input bytes dealt with so far, of `total`: never goes backwards. */
  done: number;
  total: number;
  /** Files and archive entries finished. */
  entries: number;
  /** What is being read now. */
  current: string;
}

/** A source file the user chose to keep: the `sourceFiles` record fields plus the bytes. */
export interface KeptFile {
  contentHash: string;
  fileName: string;
  kind: SourceKind;
  size: number;
  bytes: Uint8Array;
}

interface ResultBase {
  /** The dropped file. */
  file: string;
  /** The path inside it, for archives. */
  entry?: string;
}

export interface Imported extends ResultBase {
  status: 'imported';
  id: string;
  input: NewRecord<'activities'>;
  /** Gear named by the source (Strava's "Activity Gear"); see gear.assignGear. */
  gearName?: string;
  /** Only with `includeTrack`: a simplified line, kept out of the record. */
  track?: LatLon[];
  /** Only with `keepFiles`, on the first workout of each file. */
  keptFile?: KeptFile;
  /** Things the person should know that did not stop the import. */
  warnings: string[];
}

export interface Duplicate extends ResultBase {
  status: 'duplicate';
  message: string;
  contentHash?: string;
  providerId?: string;
}

export interface Failed extends ResultBase {
  status: 'failed';
  reason: FailureReason;
  message: string;
}

export type ImportResult = Imported | Duplicate | Failed;

export interface ImportReport {
  results: ImportResult[];
  /** The signal fired: `results` holds everything that finished before it. */
  cancelled: boolean;
  /** Archive entries that are not workouts (photos, settings, JSON) and were passed over. */
  skipped: number;
}

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** A file inside a dropped folder: its path below the folder, its bytes read when needed. */
export interface FolderFile {
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export function providerKey(kind: SourceKind, providerId: string): string {
  return `${kind}:${providerId}`;
}

/** The content hashes and provider ids of the activities already in the log. */
export function knownKeys(activities: readonly RecordOf<'activities'>[]): {
  hashes: Set<string>;
  providerIds: Set<string>;
} {
  const hashes = new Set<string>();
  const providerIds = new Set<string>();
  for (const activity of activities) {
    for (const source of activity.sources) {
      if (source.contentHash) hashes.add(source.contentHash);
      if (source.providerId) providerIds.add(providerKey(source.kind, source.providerId));
    }
  }
  return { hashes, providerIds };
}

export async function importFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  return importFiles([{ name, bytes }], options);
}

export async function importFiles(
  files: readonly InputFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  const run = new Run(
    options,
    files.reduce((sum, f) => sum + f.bytes.length, 0),
  );
  for (const file of files) {
    if (run.stopped()) break;
    await run.file(file.name, file.bytes);
  }
  return run.report();
}

/**
 * An unzipped export dropped as a folder, read as the archive it came from: Strava's
 * activities.csv and Garmin's summaries name the workout files beside them. Each file is read
 * only when its turn comes, so a large export is never in memory whole.
 */
export async function importFolder(
  folder: string,
  files: readonly FolderFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  const run = new Run(
    options,
    files.reduce((sum, f) => sum + f.size, 0),
  );
  await run.folder(folder, files);
  return run.report();
}

// ---- One import run ----

interface Context {
  kind?: SourceKind;
  summaries: garmin.GarminSummary[];
  usedSummaries: Set<string>;
}

interface Extra {
  stravaRow?: strava.StravaRow;
}

/** What an export's side files say about the workout files beside them. */
interface SideInfo {
  rowsByPath: Map<string, strava.StravaRow>;
  stravaRows: strava.StravaRow[];
  csvPath: string;
  hasSummaries: boolean;
}

const ACTIVITY_PATH_RE = /\.(fit|gpx|tcx)(\.gz)?$/i;
const BATCH_BYTES = 64 * 1024 * 1024;

class Run {
  readonly #options: ImportOptions;
  readonly #results: ImportResult[] = [];
  readonly #seenHashes = new Set<string>();
  readonly #seenProviders = new Set<string>();
  readonly #progress: ImportProgress;
  #cancelled = false;
  #skipped = 0;
  #flushed = 0;

  constructor(options: ImportOptions, total: number) {
    this.#options = options;
    this.#progress = { done: 0, total, entries: 0, current: '' };
  }

  report(): ImportReport {
    this.#flush();
    return { results: this.#results, cancelled: this.#cancelled, skipped: this.#skipped };
  }

  /** Hands the results since the last flush to `onResults`. */
  #flush(): void {
    if (!this.#options.onResults || this.#flushed === this.#results.length) return;
    const fresh = this.#results.slice(this.#flushed);
    this.#flushed = this.#results.length;
    this.#options.onResults(fresh);
  }

  async folder(folder: string, all: readonly FolderFile[]): Promise<void> {
    const files = all.filter((f) => !isJunk(f.path));
    const context: Context = { summaries: [], usedSummaries: new Set() };
    if (garmin.isExport(files.map((f) => f.path))) context.kind = 'garmin';
    const isSide = (path: string): boolean =>
      /(^|\/)activities\.csv$/i.test(path) || garmin.isSummaryFile(path);
    const sideFiles = files.filter((f) => isSide(f.path));
    // The side files come first: they name the workouts read next.
    const side: { path: string; content: Uint8Array | undefined }[] = [];
    for (const f of sideFiles) {
      this.#announce(`${folder}/${f.path}`);
      side.push({ path: f.path, content: await this.#readFolderFile(folder, f) });
      this.#advance(f.size, true);
    }
    const info = this.#readSide(folder, '', side, context);
    const candidates = files.filter(
      (f) =>
        !isSide(f.path) &&
        (ACTIVITY_PATH_RE.test(f.path) ||
          /\.zip$/i.test(f.path) ||
          info.rowsByPath.has(normalizePath(f.path))),
    );
    const passedOver = files.filter((f) => !isSide(f.path) && !candidates.includes(f));
    this.#skipped += passedOver.length;
    this.#advance(
      passedOver.reduce((sum, f) => sum + f.size, 0),
      false,
    );
    const usedRows = new Set<strava.StravaRow>();
    for (const f of candidates) {
      if (this.stopped()) return;
      this.#announce(`${folder}/${f.path}`);
      const row = info.rowsByPath.get(normalizePath(f.path));
      if (row) usedRows.add(row);
      const data = await this.#readFolderFile(folder, f);
      if (!data) {
        this.#advance(f.size, true);
        continue;
      }
      if (formats.detect(data, f.path) === 'zip') {
        await this.#zip(folder, `${f.path}/`, data, f.size, context);
        continue;
      }
      await this.#single(folder, f.path, data, context, { stravaRow: row });
      this.#advance(f.size, true);
    }
    await this.#leftovers(folder, '', info, usedRows, context, 'folder');
  }

  /** A folder file's bytes, or undefined after saying why they could not be read. */
  async #readFolderFile(folder: string, f: FolderFile): Promise<Uint8Array | undefined> {
    try {
      return await f.read();
    } catch (error) {
      this.#fail(folder, f.path, {
        reason: 'corrupt',
        message: `${folder}/${f.path} could not be read from this device (${error instanceof Error ? error.message : String(error)}).`,
      });
      return undefined;
    }
  }

  stopped(): boolean {
    if (this.#options.signal?.aborted) this.#cancelled = true;
    return this.#cancelled;
  }

  async file(name: string, bytes: Uint8Array): Promise<void> {
    this.#announce(name);
    const context: Context = { summaries: [], usedSummaries: new Set() };
    let data = bytes;
    if (formats.detect(bytes, name) === 'gzip') {
      const unpacked = archive.gunzip(bytes, name);
      if (!unpacked.ok) {
        this.#fail(name, undefined, unpacked.error);
        this.#advance(bytes.length, true);
        return;
      }
      data = unpacked.value;
    }
    if (formats.detect(data, name) === 'zip') {
      await this.#zip(name, '', data, bytes.length, context);
    } else {
      await this.#single(name, undefined, data, context, {});
      this.#advance(bytes.length, true);
    }
  }

  async #zip(
    file: string,
    prefix: string,
    bytes: Uint8Array,
    weight: number,
    parent: Context,
  ): Promise<void> {
    const self = prefix ? prefix.replace(/\/$/, '') : undefined;
    const listed = archive.listZip(bytes, self ? `${file}/${self}` : file);
    if (!listed.ok) {
      this.#fail(file, self, listed.error);
      this.#advance(weight, true);
      return;
    }
    const entries = listed.value.filter((e) => !isJunk(e.path));
    const paths = entries.map((e) => e.path);
    const context: Context = { ...parent };
    if (garmin.isExport(paths)) context.kind = 'garmin';

    // The side files come first: they name the workouts read next.
    const side = entries.filter(
      (e) => /(^|\/)activities\.csv$/i.test(e.path) || garmin.isSummaryFile(e.path),
    );
    const sideFiles =
      side.length > 0
        ? archive.readZip(
            bytes,
            file,
            side.map((e) => e.path),
          )
        : undefined;
    if (sideFiles && !sideFiles.ok) this.#fail(file, self, sideFiles.error);
    const info = this.#readSide(
      file,
      prefix,
      side.map((e) => ({
        path: e.path,
        content: sideFiles?.ok ? sideFiles.value.get(e.path) : undefined,
      })),
      context,
    );
    const rowsByPath = info.rowsByPath;

    const sideSet = new Set(side.map((e) => e.path));
    const candidates = entries.filter(
      (e) =>
        !sideSet.has(e.path) &&
        (ACTIVITY_PATH_RE.test(e.path) ||
          /\.zip$/i.test(e.path) ||
          rowsByPath.has(normalizePath(e.path))),
    );
    this.#skipped += entries.length - candidates.length - side.length;
    const totalCompressed = Math.max(
      1,
      candidates.reduce((sum, e) => sum + e.compressedSize, 0),
    );
    const weightOf = (e: archive.ZipEntry): number => (weight * e.compressedSize) / totalCompressed;
    const usedRows = new Set<strava.StravaRow>();
    if (candidates.length === 0) this.#advance(weight, false);

    // Refused before reading: a zip bomb must not be inflated to find out.
    const tooLarge = candidates.filter((e) => e.size > archive.MAX_ENTRY_BYTES);
    for (const entry of tooLarge) {
      this.#fail(file, prefix + entry.path, {
        reason: 'too-large',
        message: `${prefix + entry.path} is ${Math.round(entry.size / 1e6)} MB, far larger than any workout file.`,
      });
      this.#advance(weightOf(entry), true);
    }

    for (const batch of batches(candidates.filter((e) => e.size <= archive.MAX_ENTRY_BYTES))) {
      if (this.stopped()) return;
      const read = archive.readZip(
        bytes,
        file,
        batch.map((e) => e.path),
      );
      for (const entry of batch) {
        if (this.stopped()) return;
        const path = prefix + entry.path;
        this.#announce(`${file}/${path}`);
        const row = rowsByPath.get(normalizePath(entry.path));
        if (row) usedRows.add(row);
        let data = read.ok ? read.value.get(entry.path) : undefined;
        if (!data) {
          // The batch failed as a whole: read this entry alone to learn whether it is the one.
          const alone = archive.readZip(bytes, file, [entry.path]);
          if (!alone.ok) {
            this.#fail(file, path, alone.error);
            this.#advance(weightOf(entry), true);
            continue;
          }
          data = alone.value.get(entry.path);
        }
        if (!data) {
          this.#fail(file, path, { reason: 'corrupt', message: `${path} could not be read.` });
          this.#advance(weightOf(entry), true);
          continue;
        }
        if (formats.detect(data, entry.path) === 'zip') {
          await this.#zip(file, `${path}/`, data, weightOf(entry), context);
          continue;
        }
        await this.#single(file, path, data, context, { stravaRow: row });
        this.#advance(weightOf(entry), true);
      }
    }

    await this.#leftovers(file, prefix, info, usedRows, context, 'archive');
  }

  /**
   * Reads an export's side files: Strava's activities.csv (rows keyed by the path of the file
   * each names, relative to the CSV's folder) and Garmin's summaries (into `context`).
   */
  #readSide(
    file: string,
    prefix: string,
    side: readonly { path: string; content: Uint8Array | undefined }[],
    context: Context,
  ): SideInfo {
    const info: SideInfo = {
      rowsByPath: new Map(),
      stravaRows: [],
      csvPath: 'activities.csv',
      hasSummaries: false,
    };
    for (const entry of side) {
      if (garmin.isSummaryFile(entry.path)) info.hasSummaries = true;
      if (!entry.content) continue;
      const text = xml.decode(entry.content);
      if (garmin.isSummaryFile(entry.path)) {
        const summaries = garmin.parseSummaries(text);
        if (summaries.ok) {
          context.summaries = [...context.summaries, ...summaries.value];
          context.kind = 'garmin';
        } else {
          this.#fail(file, prefix + entry.path, {
            reason: 'corrupt',
            message: `${entry.path} is ${summaries.error}; workouts are imported without its names.`,
          });
        }
      } else if (strava.isActivitiesCsv(text)) {
        const rows = strava.parseActivitiesCsv(text);
        if (!rows.ok) {
          this.#fail(file, prefix + entry.path, { reason: 'corrupt', message: rows.error });
          continue;
        }
        context.kind = 'strava';
        info.csvPath = entry.path;
        const folder = entry.path.includes('/')
          ? entry.path.slice(0, entry.path.lastIndexOf('/') + 1)
          : '';
        for (const row of rows.value) {
          info.stravaRows.push(row);
          if (row.fileName) info.rowsByPath.set(normalizePath(folder + row.fileName), row);
        }
      }
    }
    return info;
  }

  /**
   * What the side files name that no workout file matched: Strava rows without a file (manual
   * entries, uploads Strava left out) and Garmin summaries without an upload.
   */
  async #leftovers(
    file: string,
    prefix: string,
    info: SideInfo,
    usedRows: ReadonlySet<strava.StravaRow>,
    context: Context,
    where: 'archive' | 'folder',
  ): Promise<void> {
    for (const row of info.stravaRows) {
      if (usedRows.has(row) || this.stopped()) continue;
      const warning = row.fileName
        ? `${row.fileName} is named in activities.csv but is not in the ${where}; imported from the CSV.`
        : undefined;
      await this.#fromRow(file, `${prefix}${info.csvPath}#${row.line}`, row, warning);
    }
    if (info.hasSummaries) {
      for (const summary of context.summaries) {
        if (this.stopped()) return;
        if (summary.parent || context.usedSummaries.has(summary.activityId)) continue;
        if (summary.sport.sport === 'transition' && !this.#options.keepTransitions) continue;
        await this.#fromSummary(file, prefix, summary);
      }
    }
    this.#flush();
  }

  async #single(
    file: string,
    entry: string | undefined,
    bytes: Uint8Array,
    context: Context,
    extra: Extra,
  ): Promise<void> {
    const name = entry ?? file;
    const row = extra.stravaRow;
    let data = bytes;
    if (formats.detect(bytes, name) === 'gzip') {
      const unpacked = archive.gunzip(bytes, name);
      if (!unpacked.ok) {
        if (row) await this.#fromRow(file, name, row, unreadable(name, unpacked.error));
        else this.#fail(file, entry, unpacked.error);
        return;
      }
      data = unpacked.value;
    }
    const contentHash = await hash.sha256Hex(data);
    const kind = context.kind ?? undefined;
    if (this.#options.knownHashes?.has(contentHash) || this.#seenHashes.has(contentHash)) {
      this.#results.push({
        status: 'duplicate',
        file,
        entry,
        contentHash,
        message: `${name} was imported before (same content).`,
      });
      return;
    }
    if (row && this.#isKnownProvider('strava', row.activityId)) {
      this.#duplicateProvider(file, entry, 'strava', row.activityId);
      return;
    }
    const parsed = formats.parseActivityFile(data, formats.stripCompression(name), this.#options);
    if (!parsed.ok) {
      if (row) await this.#fromRow(file, name, row, unreadable(name, parsed.error));
      else this.#fail(file, entry, parsed.error);
      return;
    }
    this.#seenHashes.add(contentHash);
    const sourceKind: SourceKind = kind ?? parsed.value.format;
    const built: Imported[] = [];
    for (const [index, leg] of parsed.value.activities.entries()) {
      let activity = row ? strava.enrich(leg, row) : leg;
      let providerId = row?.activityId;
      if (context.summaries.length > 0) {
        const summary = garmin.findSummary(context.summaries, leg, context.usedSummaries);
        if (summary) {
          context.usedSummaries.add(summary.activityId);
          providerId = summary.activityId;
          if (summary.name) activity = { ...activity, name: summary.name };
        }
      }
      const result = await this.#build(file, entry, activity, {
        source: { kind: sourceKind, fileName: name, contentHash, providerId },
        idKey: `${contentHash}#${index}`,
        gearName: row?.gear,
      });
      if (!result.ok) {
        this.#fail(file, entry, result.error);
        return;
      }
      built.push(result.value);
    }
    if (this.#options.keepFiles && built[0]) {
      built[0].keptFile = {
        contentHash,
        fileName: name,
        kind: sourceKind,
        size: data.length,
        bytes: data,
      };
    }
    for (const b of built) {
      const id = b.input.sources?.[0]?.providerId;
      if (id) this.#seenProviders.add(providerKey(sourceKind, id));
    }
    this.#results.push(...built);
  }

  async #fromRow(
    file: string,
    entry: string,
    row: strava.StravaRow,
    warning: string | undefined,
  ): Promise<void> {
    if (this.#isKnownProvider('strava', row.activityId)) {
      this.#duplicateProvider(file, entry, 'strava', row.activityId);
      return;
    }
    const activity = strava.rowToActivity(row);
    if (!activity.ok) {
      this.#fail(file, entry, activity.error);
      return;
    }
    const result = await this.#build(file, entry, activity.value, {
      source: { kind: 'strava', fileName: row.fileName, providerId: row.activityId },
      idKey: providerKey('strava', row.activityId),
      gearName: row.gear,
    });
    if (!result.ok) {
      this.#fail(file, entry, result.error);
      return;
    }
    if (warning) result.value.warnings.push(warning);
    this.#seenProviders.add(providerKey('strava', row.activityId));
    this.#results.push(result.value);
  }

  async #fromSummary(file: string, prefix: string, summary: garmin.GarminSummary): Promise<void> {
    const entry = `${prefix}summarizedActivities.json#${summary.activityId}`;
    if (this.#isKnownProvider('garmin', summary.activityId)) {
      this.#duplicateProvider(file, entry, 'garmin', summary.activityId);
      return;
    }
    const activity = garmin.summaryToActivity(summary);
    if (!activity.ok) {
      this.#fail(file, entry, activity.error);
      return;
    }
    const result = await this.#build(file, entry, activity.value, {
      source: { kind: 'garmin', providerId: summary.activityId },
      idKey: providerKey('garmin', summary.activityId),
    });
    if (!result.ok) {
      this.#fail(file, entry, result.error);
      return;
    }
    result.value.warnings.push(
      'No uploaded file for this activity in the export: imported from its summary.',
    );
    this.#seenProviders.add(providerKey('garmin', summary.activityId));
    this.#results.push(result.value);
  }

  async #build(
    file: string,
    entry: string | undefined,
    activity: ParsedActivity,
    how: {
      source: { kind: SourceKind; fileName?: string; contentHash?: string; providerId?: string };
      idKey: string;
      gearName?: string;
    },
  ): Promise<{ ok: true; value: Imported } | { ok: false; error: ParseFailure }> {
    const start = Math.round(activity.start);
    const where = entry ?? file;
    if (start < 0) {
      return {
        ok: false,
        error: {
          reason: 'unknown-start',
          message: `${where} starts before 1970, which cannot be right.`,
        },
      };
    }
    const source = compact({
      ...how.source,
      fileName: how.source.fileName?.slice(0, 500),
      providerId: how.source.providerId?.slice(0, 100),
    });
    const input = compact({
      name: (activity.name ?? '').slice(0, 500),
      sport: activity.sport,
      subSport: activity.subSport,
      start,
      timeZone: activity.timeZone,
      elapsedSeconds: activity.elapsedSeconds,
      movingSeconds: activity.movingSeconds,
      distanceMeters: activity.distanceMeters,
      elevationGainMeters: activity.elevationGainMeters,
      maxElevationMeters: activity.maxElevationMeters,
      avgHeartRate: activity.avgHeartRate,
      maxHeartRate: activity.maxHeartRate,
      avgPowerWatts: activity.avgPowerWatts,
      avgCadence: activity.avgCadence,
      calories: activity.calories,
      avgTemperatureC: activity.avgTemperatureC,
      device: activity.device?.slice(0, 500),
      laps: activity.laps,
      maxSpeedMetersPerSecond: activity.maxSpeedMetersPerSecond,
      startIsEstimate: activity.startKind === 'device-clock' ? true : undefined,
      notes: activity.notes?.slice(0, 10_000),
      sources: [source],
    }) as NewRecord<'activities'>;
    const id =
      this.#options.ids === 'content'
        ? hash.contentId(start, await hash.sha256Hex(how.idKey))
        : this.#options.ids.next(start);
    const checked = v.safeParse(collections.activities.schema, { ...input, id });
    if (!checked.success) {
      return {
        ok: false,
        error: {
          reason: 'corrupt',
          message: `${where} has values Tally cannot store: ${describeIssues(checked.issues)}.`,
        },
      };
    }
    const result: Imported = { status: 'imported', file, entry, id, input, warnings: [] };
    if (entry === undefined) delete result.entry;
    if (how.gearName) result.gearName = how.gearName;
    if (activity.track) result.track = activity.track;
    if (activity.startKind === 'device-clock') {
      result.warnings.push(
        'The device recorded no date, only its own clock: the start was rebuilt from its local time and may be off.',
      );
    }
    return { ok: true, value: result };
  }

  #isKnownProvider(kind: SourceKind, id: string): boolean {
    const key = providerKey(kind, id);
    return this.#options.knownProviderIds?.has(key) === true || this.#seenProviders.has(key);
  }

  #duplicateProvider(file: string, entry: string | undefined, kind: SourceKind, id: string): void {
    this.#results.push({
      status: 'duplicate',
      file,
      entry,
      providerId: id,
      message: `${kind === 'strava' ? 'Strava' : 'Garmin'} activity ${id} was imported before.`,
    });
  }

  #fail(file: string, entry: string | undefined, failure: ParseFailure): void {
    const result: Failed = { status: 'failed', file, entry, ...failure };
    if (entry === undefined) delete result.entry;
    this.#results.push(result);
  }

  #announce(current: string): void {
    this.#progress.current = current;
  }

  #advance(bytes: number, entryDone: boolean): void {
    this.#progress.done = Math.min(this.#progress.total, this.#progress.done + bytes);
    if (entryDone) this.#progress.entries++;
    this.#options.onProgress?.({ ...this.#progress });
    if (entryDone) this.#flush();
  }
}

function unreadable(name: string, failure: ParseFailure): string {
  return `${name} could not be read (${failure.message}); imported from activities.csv instead.`;
}

function* batches(entries: readonly archive.ZipEntry[]): Generator<archive.ZipEntry[]> {
  let batch: archive.ZipEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (batch.length > 0 && size + entry.size > BATCH_BYTES) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(entry);
    size += entry.size;
  }
  if (batch.length > 0) yield batch;
}

/** macOS resource forks and folders, which archives made on a Mac are full of. */
function isJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || /(^|\/)\._/.test(path) || /(^|\/)\.DS_Store$/.test(path);
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replaceAll('\\', '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function compact<T extends object>(value: T): T {
  const out = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as T;
}
