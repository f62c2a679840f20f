// One import run, as state the import page shows: progress, the per-file result list, cancel.
// The run outlives the page (it belongs to the app, not to the component), so a person can
// browse their log while a large export imports and come back to see how it went.
//
//   files → worker (reads, hashes, parses; posts each dropped file's results)
//         → duplicates and failures: listed at once
//         → workouts: ImportCommitter (batched writes) → listed once stored
import type { App } from '../app/app.svelte.ts';
import { describeStoreError, type Store } from '../store/store.ts';
import { ImportCommitter, type Outcome } from './commit.ts';
import type { ImportProgress, ImportRequest, WorkerResponse } from './import-protocol.ts';
import * as queries from './queries.ts';
import { sendKeptFiles } from './send-kept.ts';
import { countRows, rowOfResult, type Counts, type ResultRow } from './results.ts';
import { createImportWorker, type WorkerLike } from './worker.ts';

export interface SessionDeps {
  store: Store;
  now: () => number;
  /** Read when a run starts. */
  options: () => { keepFiles: boolean; timeZone: string };
  createWorker?: () => WorkerLike;
  /** Told once a run ends, with how many files it kept on this device (to send them on). */
  afterRun?: (run: { keptFiles: number }) => void;
}

let jobs = 0;

export class ImportSession {
  readonly #deps: SessionDeps;
  #running = $state(false);
  #cancelling = $state(false);
  #cancelled = $state(false);
  #progress = $state.raw<ImportProgress | undefined>(undefined);
  #rows = $state.raw<ResultRow[]>([]);
  #counts = $derived<Counts>(countRows(this.#rows));
  #skipped = $state(0);
  #problem = $state<string | undefined>(undefined);
  #worker: WorkerLike | undefined;
  #job = 0;
  #keys = 0;
  /** Each workout's place in the order the files were read, so stored rows list in that order. */
  #order = new Map<string, number>();

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  get running(): boolean {
    return this.#running;
  }
  get cancelling(): boolean {
    return this.#cancelling;
  }
  /** The last run was stopped by the person (what finished before is kept). */
  get cancelled(): boolean {
    return this.#cancelled;
  }
  get progress(): ImportProgress | undefined {
    return this.#progress;
  }
  get rows(): ResultRow[] {
    return this.#rows;
  }
  get counts(): Counts {
    return this.#counts;
  }
  /** Archive entries that are not workouts (photos, settings, JSON), passed over. */
  get skipped(): number {
    return this.#skipped;
  }
  /** Why the run stopped early (storage full, the reader crashed), in words. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /**
   * Imports the files; resolves when every result is listed and every workout stored. `paths`
   * say where each file sat in a dropped folder (see drop.ts); a folder's files are read together.
   */
  async start(files: readonly File[], paths?: readonly string[]): Promise<void> {
    if (this.#running || files.length === 0) return;
    this.#running = true;
    this.#cancelling = false;
    this.#cancelled = false;
    this.#rows = [];
    this.#skipped = 0;
    this.#problem = undefined;
    this.#progress = {
      filesDone: 0,
      filesTotal: files.length,
      bytesDone: 0,
      bytesTotal: files.reduce((sum, f) => sum + f.size, 0),
      entries: 0,
      current: files[0]?.name ?? '',
    };
    const { store, now } = this.#deps;
    let keptFiles = 0;
    try {
      const [known, gear] = await Promise.all([
        queries.knownKeys(store.db),
        queries.gearList(store.db),
      ]);
      const committer = new ImportCommitter({
        store,
        gear,
        now,
        onOutcomes: (outcomes) => {
          for (const o of outcomes) if (o.status === 'stored' && o.item.keptFile) keptFiles++;
          this.#append(outcomes.map((o) => this.#rowOfOutcome(o)));
          if (committer.fatal) this.cancel();
        },
      });
      const { keepFiles, timeZone } = this.#deps.options();
      const job = ++jobs;
      this.#job = job;
      const worker = (this.#deps.createWorker ?? createImportWorker)();
      this.#worker = worker;
      await new Promise<void>((resolve) => {
        worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
          const message = event.data;
          if (message.job !== job) return;
          if (message.type === 'progress') {
            const { type: _type, job: _job, ...progress } = message;
            this.#progress = progress;
          } else if (message.type === 'file') {
            this.#skipped += message.skipped;
            const listed: ResultRow[] = [];
            for (const result of message.results) {
              if (result.status === 'imported') this.#order.set(result.id, ++this.#keys);
              else listed.push(rowOfResult(++this.#keys, result));
            }
            if (listed.length > 0) this.#append(listed);
            committer.add(message.results.filter((r) => r.status === 'imported'));
          } else if (message.type === 'done') {
            this.#cancelled = message.cancelled;
            resolve();
          } else if (message.type === 'error') {
            this.#problem = message.message;
            resolve();
          }
        });
        worker.addEventListener('error', (event: ErrorEvent) => {
          event.preventDefault();
          this.#problem = `The file reader stopped (${event.message || 'unknown error'}). What was read before is kept.`;
          resolve();
        });
        const request: ImportRequest = {
          type: 'import',
          job,
          files: [...files],
          ...(paths ? { paths: [...paths] } : {}),
          knownHashes: known.hashes,
          knownProviderIds: known.providerIds,
          timeZone,
          keepFiles,
        };
        worker.postMessage(request);
      });
      worker.terminate();
      this.#worker = undefined;
      await committer.finish();
      if (committer.fatal) {
        this.#problem = `${describeStoreError(committer.fatal)} The import stopped there; the workouts listed as imported are saved.`;
      }
    } catch (error) {
      this.#problem = `The import stopped: ${error instanceof Error ? error.message : String(error)}.`;
    } finally {
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#running = false;
      this.#cancelling = false;
    }
    if (keptFiles > 0) this.#deps.afterRun?.({ keptFiles });
  }

  /** Stops reading after the current entry; everything finished so far is stored. */
  cancel(): void {
    if (!this.#running || this.#cancelling) return;
    this.#cancelling = true;
    this.#worker?.postMessage({ type: 'cancel', job: this.#job });
  }

  /** Forgets the last run's list. */
  clear(): void {
    if (this.#running) return;
    this.#rows = [];
    this.#progress = undefined;
    this.#problem = undefined;
    this.#cancelled = false;
    this.#skipped = 0;
  }

  /** Adds rows in reading order (stored workouts arrive a batch later than failures). */
  #append(rows: ResultRow[]): void {
    const all = [...this.#rows, ...rows];
    const last = this.#rows.at(-1)?.key ?? 0;
    if (rows.some((r) => r.key < last)) all.sort((a, b) => a.key - b.key);
    this.#rows = all;
  }

  #rowOfOutcome(outcome: Outcome): ResultRow {
    const { item } = outcome;
    const key = this.#order.get(item.id) ?? ++this.#keys;
    this.#order.delete(item.id);
    const base = {
      key,
      file: item.file,
      ...(item.entry !== undefined && { entry: item.entry }),
      warnings: item.warnings,
    };
    if (outcome.status === 'stored') {
      return {
        ...base,
        status: 'imported',
        title: 'Imported',
        activity: {
          id: item.id,
          name: item.input.name ?? '',
          sport: item.input.sport,
          start: item.input.start,
          ...(item.input.distanceMeters !== undefined && {
            distanceMeters: item.input.distanceMeters,
          }),
        },
      };
    }
    return {
      ...base,
      status: outcome.status,
      title: outcome.status === 'duplicate' ? 'Already imported' : 'Could not be saved',
      message: outcome.message,
    };
  }
}

const sessions = new WeakMap<App, ImportSession>();

/** The app's import session (one per tab), made on first use. */
export function importSession(app: App): ImportSession {
  let session = sessions.get(app);
  if (!session) {
    session = new ImportSession({
      store: app.store,
      now: () => Date.now(),
      options: () => ({ keepFiles: app.settings.keepSourceFiles, timeZone: app.format.timeZone }),
      afterRun: () => void sendKeptFiles(app),
    });
    sessions.set(app, session);
  }
  return session;
}
