// What keeps the timer trustworthy, run once per page by the timer bar:
// - one timer across devices: whenever the entries change, conflict resolution runs over the
//   recent ones and its changes are applied once; the user is told what happened (here, or when
//   another device resolved first and this one only sees its timer stop);
// - idle detection: interactions are tracked (and kept in device storage); coming back after more
//   than the idle threshold with a timer running opens the keep / discard / stop question;
// - "still working?" once a timer has counted more than the configured hours.
import { time } from '@tally/model';
import type { App } from '../app/app.svelte.ts';
import { now } from '../app/system.ts';
import { Live } from '../store/live.svelte.ts';
import { Activity } from './activity.ts';
import { startedHere } from './actions.ts';
import { entryName } from './edits.ts';
import { resolutionWindow, runningEntries } from './queries.ts';
import { Reconciler, stoppedElsewhere } from './reconcile.ts';
import type { TimeEntry } from './types.ts';
import { updates } from './writes.ts';

const DAY = 86_400_000;
/** How far back conflict resolution looks (besides every running entry, however old). */
export const RESOLUTION_DAYS = 14;
const ACTIVITY_KEY = 'time.lastActivityAt';

interface Snapshot {
  running: TimeEntry[];
  entries: TimeEntry[];
}

export class TimerGuard {
  readonly #app: App;
  readonly #clock: () => number;
  readonly #catalog: () => time.catalog.Catalog;
  readonly #live: Live<Snapshot>;
  readonly #reconciler = new Reconciler();
  #shownId: string | undefined;
  #activity: Activity | undefined;
  #awaySince = $state<number | undefined>(undefined);
  #idle = $state.raw<time.idle.IdlePrompt | undefined>(undefined);
  #dismissedStillWorking = $state<string[]>([]);

  /**
   * `clock` is the view's ticking now (the still-working check follows it); `catalog` names
   * projects in messages.
   */
  constructor(app: App, clock: () => number, catalog: () => time.catalog.Catalog) {
    this.#app = app;
    this.#clock = clock;
    this.#catalog = catalog;
    this.#live = new Live(async () => {
      const t = now();
      const [running, entries] = await Promise.all([
        runningEntries(app.store.db, t),
        resolutionWindow(app.store.db, t - RESOLUTION_DAYS * DAY, t),
      ]);
      return { running, entries };
    });

    $effect(() => {
      const snap = this.#live.current;
      if (snap) this.#onEntries(snap);
    });

    $effect(() => {
      const since = this.#awaySince;
      const snap = this.#live.current;
      if (since === undefined || !snap) return;
      this.#awaySince = undefined;
      this.#idle = time.idle.idlePrompt(snap.running, {
        lastActivityAt: since,
        now: now(),
        idleMinutes: app.settings.idleMinutes,
      });
    });

    $effect(() => this.#trackActivity());
  }

  get loaded(): boolean {
    return this.#live.current !== undefined;
  }

  get current(): TimeEntry | undefined {
    return time.timer.current(this.#live.current?.running ?? []);
  }

  /** The idle question to ask, if any. */
  get idle(): time.idle.IdlePrompt | undefined {
    return this.#idle;
  }

  /** The running timer to ask "still working?" about, if any (never while the idle question is open). */
  get stillWorking(): TimeEntry | undefined {
    const entry = this.current;
    if (!entry || this.#idle || this.#dismissedStillWorking.includes(entry.id)) return undefined;
    return time.idle.needsStillWorking(entry, {
      now: this.#clock(),
      stillWorkingHours: this.#app.settings.stillWorkingHours,
    })
      ? entry
      : undefined;
  }

  /** When the user last touched the app (for "stop at last activity"). */
  get lastActivity(): number | undefined {
    return this.#activity?.last;
  }

  async answerIdle(choice: time.idle.IdleChoice): Promise<void> {
    const prompt = this.#idle;
    this.#idle = undefined;
    if (!prompt) return;
    const u = time.idle.resolveIdle(prompt, choice, now());
    if (u) this.#app.report(await this.#app.store.apply(updates('timeEntries', [u])));
  }

  async answerStillWorking(choice: 'yes' | 'stop' | 'later'): Promise<void> {
    const entry = this.current;
    if (!entry) return;
    if (choice === 'later') {
      this.#dismissedStillWorking = [...this.#dismissedStillWorking, entry.id];
      return;
    }
    const u =
      choice === 'yes'
        ? time.idle.confirmStillWorking(entry, now())
        : { id: entry.id, patch: time.timer.endPatch(entry, now()) };
    this.#app.report(await this.#app.store.apply(updates('timeEntries', [u])));
  }

  #onEntries(snap: Snapshot): void {
    const resolution = this.#reconciler.next(snap.entries);
    if (resolution) {
      void this.#app.store.apply(updates('timeEntries', resolution.updates)).then((r) => {
        if (!r.ok) return;
        if (resolution.notice) this.#app.toasts.show(resolution.notice.message, { ms: 15_000 });
      });
    }
    const current = time.timer.current(snap.running);
    const previous = this.#shownId;
    this.#shownId = current?.id;
    if (previous === undefined || previous === current?.id) return;
    if (this.#reconciler.announced.has(previous)) return;
    const elsewhere = stoppedElsewhere(previous, snap.entries, startedHere);
    if (!elsewhere) return;
    this.#reconciler.announced.add(previous);
    const cat = this.#catalog();
    this.#app.toasts.show(
      `Only one timer can run at a time: ${entryName(elsewhere.stopped, cat)} stopped when ${entryName(elsewhere.by, cat)} started on another device.`,
      { ms: 15_000 },
    );
  }

  #trackActivity(): () => void {
    let stopped = false;
    const awayMs = (): number => this.#app.settings.idleMinutes * 60_000;
    const save = (at: number): void => void this.#app.store.setLocal(ACTIVITY_KEY, at);
    const touch = (): void => {
      const activity = this.#activity;
      if (!activity) return;
      const t = now();
      const r = activity.touch(t, awayMs());
      if (r.awaySince !== undefined) {
        const away = r.awaySince;
        // Another tab may have been in use meanwhile: it kept the time in storage.
        void this.#app.store.getLocal<number>(ACTIVITY_KEY).then((stored) => {
          const since = Math.max(away, stored ?? 0);
          if (t - since > awayMs()) this.#awaySince = since;
          save(t);
        });
      } else if (r.save) save(t);
    };
    const flush = (): void => {
      if (this.#activity?.flush(now())) save(this.#activity.last);
    };
    const visibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
      else touch();
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    void this.#app.store.getLocal<number>(ACTIVITY_KEY).then((stored) => {
      if (stopped) return;
      this.#activity = new Activity(stored ?? now());
      // Opening the app is coming back.
      touch();
    });
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', flush);
    return () => {
      stopped = true;
      for (const e of events) window.removeEventListener(e, touch);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', flush);
    };
  }
}
