// The running timer as live state, with the actions the timer bar, the home card and the entry
// list offer. The timer is data: what runs is read from the projections (so it survives reloads,
// a closed app and other devices' changes), and the elapsed time is derived from its start.
import { time } from '@tally/model';
import type { App } from '../app/app.svelte.ts';
import { now } from '../app/system.ts';
import { Live } from '../store/live.svelte.ts';
import * as actions from './actions.ts';
import { runningEntries } from './queries.ts';
import type { TimeEntry } from './types.ts';

export class RunningTimer {
  readonly #app: App;
  readonly #live: Live<TimeEntry[]>;
  #busy = $state(false);

  constructor(app: App) {
    this.#app = app;
    this.#live = new Live(() => runningEntries(app.store.db, now()));
  }

  get loaded(): boolean {
    return this.#live.current !== undefined;
  }

  /** Running entries, oldest first (more than one only until conflict resolution runs). */
  get entries(): TimeEntry[] {
    return this.#live.current ?? [];
  }

  /** The timer the user sees: the running entry that started last. */
  get current(): TimeEntry | undefined {
    return time.timer.current(this.entries);
  }

  get paused(): boolean {
    const c = this.current;
    return c !== undefined && time.durations.isPaused(c);
  }

  /** An action is on its way to the store (buttons wait for it, so a double click starts one timer). */
  get busy(): boolean {
    return this.#busy;
  }

  /** Worked seconds of the current timer at `at` (pauses excluded). */
  elapsed(at: number): number {
    const c = this.current;
    return c ? time.durations.workedSeconds(c, at) : 0;
  }

  async #do<T>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: string }>) {
    if (this.#busy) return undefined;
    this.#busy = true;
    try {
      const r = await action();
      if (!r.ok) this.#app.toasts.error(r.error);
      return r.ok ? r.value : undefined;
    } finally {
      this.#busy = false;
    }
  }

  start(fields: time.timer.EntryFields = {}): Promise<string | undefined> {
    return this.#do(() => actions.startTimer(this.#app.store, fields, now(), this.#app.settings));
  }

  stop(): Promise<void | undefined> {
    return this.#do(() => actions.stopTimer(this.#app.store, now()));
  }

  pause(): Promise<void | undefined> {
    return this.#do(() => actions.pauseTimer(this.#app.store, now()));
  }

  resume(): Promise<void | undefined> {
    return this.#do(() => actions.resumeTimer(this.#app.store, now()));
  }

  /** Stops the current work and starts on another project at the same instant. */
  switchTo(fields: time.timer.EntryFields): Promise<string | undefined> {
    return this.start(fields);
  }

  continueEntry(entry: TimeEntry): Promise<string | undefined> {
    return this.#do(() => actions.continueEntry(this.#app.store, entry, now(), this.#app.settings));
  }

  /** Start or stop, for the keyboard shortcut and the home card. */
  toggle(fields: time.timer.EntryFields = {}): Promise<unknown> {
    return this.current ? this.stop() : this.start(fields);
  }
}
