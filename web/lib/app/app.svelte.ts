// The app's long-lived state: the store, the user's settings and formatting, and messages.
// One instance per page, shared with components through context (context.ts).
import { liveQuery } from 'dexie';
import * as v from 'valibot';
import { settingsSchema, type Settings, type SettingsPatch } from '@tally/model';
import { describeStoreError, Store } from '../store/store.ts';
import { Sync } from '../sync/sync.svelte.ts';
import { formatting, type Formatting } from './format.ts';
import { now, systemIds } from './system.ts';
import { Toasts } from './toasts.svelte.ts';

export const DEFAULT_SETTINGS: Settings = v.parse(settingsSchema, {});

export class App {
  readonly store: Store;
  readonly toasts = new Toasts();
  readonly sync: Sync;
  readonly ready: Promise<void>;
  #settings = $state.raw<Settings>(DEFAULT_SETTINGS);
  #format = $derived<Formatting>(formatting(this.#settings));
  #startError = $state<string | undefined>(undefined);

  constructor(store = new Store({ ids: systemIds(), now })) {
    this.store = store;
    this.sync = new Sync(store, now);
    // Problems found in the background (a kept file the server refused) reach the user once.
    this.sync.onNotice((message) => this.toasts.error(message));
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    try {
      await this.store.open();
    } catch (error) {
      this.#startError = `Tally could not open its storage on this device: ${error instanceof Error ? error.message : String(error)}. Private browsing, or storage blocked for this site, can cause this.`;
      throw error;
    }
    liveQuery(() => this.store.db.settings.get('settings')).subscribe({
      next: (row) => {
        if (!row) return;
        const parsed = v.safeParse(settingsSchema, row);
        if (parsed.success) this.#settings = parsed.output;
      },
    });
    this.store.onEvent((event) => {
      if (event.type === 'erased') window.location.reload();
    });
    await this.sync.start();
    // Ask the browser to keep our data after the first real change the user makes.
    const off = this.store.onEvent((event) => {
      if (event.type !== 'stored') return;
      off();
      void this.requestPersistence();
    });
  }

  get settings(): Settings {
    return this.#settings;
  }

  get format(): Formatting {
    return this.#format;
  }

  get startError(): string | undefined {
    return this.#startError;
  }

  isModuleVisible(module: 'bills' | 'time' | 'activities'): boolean {
    return !this.#settings.hiddenModules.includes(module);
  }

  async updateSettings(patch: SettingsPatch): Promise<boolean> {
    const result = await this.store.updateSettings(patch);
    if (!result.ok) this.toasts.error(describeStoreError(result.error));
    return result.ok;
  }

  /** Shows a store error as a message; returns whether the result was ok. */
  report<T>(
    result: { ok: true; value: T } | { ok: false; error: Parameters<typeof describeStoreError>[0] },
  ): result is { ok: true; value: T } {
    if (!result.ok) this.toasts.error(describeStoreError(result.error));
    return result.ok;
  }

  async requestPersistence(): Promise<boolean> {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return navigator.storage.persist();
  }
}
