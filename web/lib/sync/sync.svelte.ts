// Sync with the user's own server: one y-websocket provider per document, authenticated with
// this device's token (sent as a WebSocket subprotocol: browsers cannot set headers there).
//
// - Live documents (the small ones and this year's) stay connected; older years are pulled when
//   they changed on the server, and connected while this device changes them.
// - Remote updates reach the Y.Doc with the provider as origin and take the store's normal write
//   path (log + projections in one transaction), so every view updates by itself.
// - Only one tab syncs (a Web Lock); the others see its status over a BroadcastChannel and get
//   its changes through the store.
import { documents } from '@tally/model';
import { WebsocketProvider } from 'y-websocket';
import type { Store } from '../store/store.ts';
import { Api, type ApiError, type DeviceInfo } from './api.ts';
import * as files from './files.ts';

export interface Session {
  server: string;
  token: string;
  user: string;
  deviceId: number;
  deviceName: string;
}

export type SyncStatus = 'off' | 'offline' | 'connecting' | 'syncing' | 'synced' | 'error';

interface SharedStatus {
  status: SyncStatus;
  lastSyncedAt?: number;
  error?: string;
  progress?: { done: number; total: number };
}

const SESSION_KEY = 'sync.session';
const PULLED_KEY = 'sync.pulled';
const LOCK = 'tally-sync';
const PULL_CONCURRENCY = 4;

export class Sync {
  readonly store: Store;
  readonly now: () => number;
  #session = $state.raw<Session | undefined>(undefined);
  #status = $state<SyncStatus>('off');
  #lastSyncedAt = $state<number | undefined>(undefined);
  #error = $state<string | undefined>(undefined);
  #progress = $state.raw<{ done: number; total: number } | undefined>(undefined);
  #leader = false;
  #online = typeof navigator === 'undefined' ? true : navigator.onLine;
  readonly #providers = new Map<string, WebsocketProvider>();
  readonly #live = new Set<string>();
  #releaseLock: (() => void) | undefined;
  #channel: BroadcastChannel | undefined;
  #offStore: (() => void) | undefined;
  #failedAttempts = 0;
  #filesRun: Promise<unknown> = Promise.resolve();
  /** Files the server found too large: not sent again until the app reloads. */
  readonly #tooLarge = new Set<string>();
  #filesProgress = $state.raw<files.UploadProgress | undefined>(undefined);
  #filesOutcome = $state.raw<files.KeptFilesOutcome | undefined>(undefined);
  readonly #notice = new Set<(message: string) => void>();

  constructor(store: Store, now: () => number) {
    this.store = store;
    this.now = now;
  }

  get session(): Session | undefined {
    return this.#session;
  }
  get status(): SyncStatus {
    return this.#status;
  }
  get lastSyncedAt(): number | undefined {
    return this.#lastSyncedAt;
  }
  get error(): string | undefined {
    return this.#error;
  }
  get progress(): { done: number; total: number } | undefined {
    return this.#progress;
  }
  /** Kept files being sent to the server (in this tab), while that goes on. */
  get filesProgress(): files.UploadProgress | undefined {
    return this.#filesProgress;
  }
  /** How the last sending of kept files went (in this tab). */
  get filesOutcome(): files.KeptFilesOutcome | undefined {
    return this.#filesOutcome;
  }

  /** Hears problems sending kept files when sync connects (the app shows them as a toast). */
  onNotice(listener: (message: string) => void): () => void {
    this.#notice.add(listener);
    return () => this.#notice.delete(listener);
  }

  /**
   * Sends the kept files the server lacks, when this device is signed in and the person opted in
   * (`syncKeptFiles`); undefined when it did not run. One run at a time: a call during a run
   * waits for it, then lists again (a file kept meanwhile goes too).
   */
  uploadKeptFiles(): Promise<files.KeptFilesOutcome | undefined> {
    const run = this.#filesRun.then(async (): Promise<files.KeptFilesOutcome | undefined> => {
      const api = this.api();
      if (!api || !(await this.store.settings()).syncKeptFiles) return undefined;
      this.#filesProgress = { done: 0, total: 0 };
      const result = await files
        .uploadMissingFiles(api, this.store.db, {
          exclude: this.#tooLarge,
          onProgress: (p) => (this.#filesProgress = p),
        })
        .finally(() => (this.#filesProgress = undefined));
      const outcome: files.KeptFilesOutcome = result.ok
        ? { at: this.now(), summary: result.value }
        : {
            at: this.now(),
            kind: result.error.kind,
            error: `Could not send kept files to your sync server: ${result.error.message}`,
          };
      if (result.ok) for (const s of result.value.skipped) this.#tooLarge.add(s.hash);
      const unauthorized = result.ok
        ? result.value.failed.some((f) => f.kind === 'unauthorized')
        : result.error.kind === 'unauthorized';
      if (unauthorized) this.revoked();
      this.#filesOutcome = outcome;
      return outcome;
    });
    this.#filesRun = run.catch(() => undefined);
    return run;
  }

  /** Once per connect: send what is missing, and tell of a failure once (no retry loop). */
  private async uploadOnConnect(): Promise<void> {
    if (!this.#online) return;
    const outcome = await this.uploadKeptFiles().catch(() => undefined);
    // An unreachable server, or a revoked sign-in, is what the sync status already shows.
    if (!outcome || outcome.kind === 'unreachable' || outcome.kind === 'unauthorized') return;
    const message = files.keptFilesProblem(outcome, { skipped: false });
    if (message) for (const listener of this.#notice) listener(message.message);
  }

  /** Resumes syncing if this device is signed in. */
  async start(): Promise<void> {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => this.setOnline(true));
      window.addEventListener('offline', () => this.setOnline(false));
      this.#channel = new BroadcastChannel('tally-sync-status');
      this.#channel.onmessage = (e: MessageEvent<SharedStatus | { hello: true }>) => {
        if ('hello' in e.data) {
          if (this.#leader) this.refresh();
        } else if (!this.#leader) this.applyShared(e.data);
      };
      this.#channel.postMessage({ hello: true });
    }
    this.#session = await this.store.getLocal<Session>(SESSION_KEY);
    if (this.#session) void this.lead();
    else this.refresh();
  }

  // ---- Account ----

  async signIn(
    server: string,
    username: string,
    password: string,
    deviceName: string,
  ): Promise<ApiError | undefined> {
    const base = normalizeServer(server);
    if (!base)
      return {
        kind: 'refused',
        message: 'That is not a web address (for example https://tally.example.org).',
      };
    const result = await new Api(base).signIn(username, password, deviceName);
    if (!result.ok) return result.error;
    const session: Session = {
      server: base,
      token: result.value.token,
      user: result.value.user.name,
      deviceId: result.value.device.id,
      deviceName: result.value.device.name,
    };
    await this.store.setLocal(SESSION_KEY, session);
    await this.store.setLocal(PULLED_KEY, {});
    this.#session = session;
    this.#error = undefined;
    void this.lead();
    return undefined;
  }

  /** Stops syncing and forgets the token; this device's data stays. */
  async signOut(): Promise<string | undefined> {
    const session = this.#session;
    this.stopProviders();
    this.#session = undefined;
    this.#error = undefined;
    this.#progress = undefined;
    await this.store.setLocal(SESSION_KEY, undefined);
    this.#releaseLock?.();
    this.refresh();
    if (!session) return undefined;
    const r = await new Api(session.server, session.token).signOut();
    return r.ok || r.error.kind === 'unauthorized'
      ? undefined
      : 'Signed out on this device, but the server could not be told. Revoke this device from another one.';
  }

  /** Deletes the account and everything of it on the server, then signs this device out. */
  async deleteAccount(password: string): Promise<ApiError | undefined> {
    const api = this.api();
    if (!api) return { kind: 'unauthorized', message: 'Not signed in.' };
    const r = await api.deleteAccount(password);
    if (!r.ok) return r.error;
    this.stopProviders();
    this.#session = undefined;
    await this.store.setLocal(SESSION_KEY, undefined);
    this.#releaseLock?.();
    this.refresh();
    return undefined;
  }

  api(): Api | undefined {
    return this.#session ? new Api(this.#session.server, this.#session.token) : undefined;
  }

  async devices(): Promise<{ ok: true; value: DeviceInfo[] } | { ok: false; error: ApiError }> {
    const api = this.api();
    if (!api) return { ok: false, error: { kind: 'unauthorized', message: 'Not signed in.' } };
    const r = await api.devices();
    if (!r.ok && r.error.kind === 'unauthorized') this.revoked();
    return r;
  }

  // ---- Leading ----

  private async lead(): Promise<void> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return this.begin();
    this.refresh();
    await locks.request(LOCK, () => {
      if (!this.#session) return;
      return new Promise<void>((release) => {
        this.#releaseLock = release;
        void this.begin();
      });
    });
  }

  private async begin(): Promise<void> {
    this.#leader = true;
    this.#offStore?.();
    // Whatever this device stores (here or in another tab) is synced, even in an old year.
    this.#offStore = this.store.onEvent((event) => {
      if (event.type === 'stored' || event.type === 'other-tab') {
        for (const name of event.docs)
          if (!this.#providers.has(name)) void this.connect(name, false);
      }
    });
    for (const name of liveDocs(this.now())) this.#live.add(name);
    for (const name of this.#live) void this.connect(name, true);
    await this.pullChanged();
    void this.uploadOnConnect();
  }

  /** Pulls every document that changed on the server since this device last pulled it. */
  async pullChanged(): Promise<void> {
    const api = this.api();
    if (!api) return;
    const listed = await api.docs();
    if (!listed.ok) {
      if (listed.error.kind === 'unauthorized') this.revoked();
      return;
    }
    const pulled = (await this.store.getLocal<Record<string, number>>(PULLED_KEY)) ?? {};
    const todo = listed.value
      .filter(
        (d) =>
          documents.isDocName(d.name) &&
          !this.#live.has(d.name) &&
          (pulled[d.name] ?? -1) < d.updatedAt,
      )
      .sort((a, b) => documents.compareForSync(a.name, b.name));
    if (todo.length === 0) return;
    let done = 0;
    this.#progress = { done, total: todo.length };
    this.refresh();
    const queue = [...todo];
    const worker = async (): Promise<void> => {
      for (let d = queue.shift(); d && this.#session; d = queue.shift()) {
        await this.pullOnce(d.name);
        pulled[d.name] = d.updatedAt;
        await this.store.setLocal(PULLED_KEY, pulled);
        this.#progress = { done: ++done, total: todo.length };
        this.refresh();
      }
    };
    await Promise.all(Array.from({ length: PULL_CONCURRENCY }, worker));
    this.#progress = undefined;
    this.refresh();
  }

  /** Connects one document until it has synced once, then lets it go (unless it is live). */
  private async pullOnce(name: string): Promise<void> {
    const provider = await this.connect(name, false);
    if (!provider) return;
    if (!provider.synced) {
      await new Promise<void>((resolve) => {
        const done = (synced: boolean): void => {
          if (!synced) return;
          provider.off('sync', done);
          resolve();
        };
        provider.on('sync', done);
        provider.on('closed', () => resolve());
      });
    }
    await this.store.flushed();
    if (!this.#live.has(name) && this.#providers.get(name) === provider) {
      provider.destroy();
      this.#providers.delete(name);
      await this.store.unload(name);
      this.refresh();
    }
  }

  private async connect(name: string, live: boolean): Promise<WebsocketProvider | undefined> {
    const session = this.#session;
    if (!session || !documents.isDocName(name)) return undefined;
    const existing = this.#providers.get(name);
    if (existing) return existing;
    const doc = await this.store.doc(name);
    if (this.#providers.has(name) || this.#session !== session) return this.#providers.get(name);
    const provider = new WebsocketProvider(wsBase(session.server), name, doc, {
      protocols: ['tally', `token.${session.token}`],
      disableBc: true, // other tabs get changes through the store, not from y-websocket
      maxBackoffTime: 10_000,
      connect: this.#online,
    });
    if (live) this.#live.add(name);
    provider.on('status', () => this.refresh());
    provider.on('sync', (synced: boolean) => {
      if (synced) this.#failedAttempts = 0;
      this.refresh();
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code === 1006 && !provider.wsconnected) void this.checkToken();
      this.refresh();
    });
    provider.on('closed', (event: { code: number; reason: string }) =>
      this.onTerminalClose(provider, event),
    );
    doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === provider && this.#status === 'synced') this.#lastSyncedAt = this.now();
    });
    this.#providers.set(name, provider);
    this.refresh();
    return provider;
  }

  /** A connection refused before it opened may be a revoked token (the server says 401 then). */
  private async checkToken(): Promise<void> {
    if (++this.#failedAttempts < 2 || !this.#online) return;
    const api = this.api();
    if (!api) return;
    const me = await api.me();
    if (!me.ok && me.error.kind === 'unauthorized') this.revoked();
    else if (!me.ok) {
      this.#error = `${me.error.message} Tally keeps trying; your changes are kept on this device.`;
      this.refresh();
    }
  }

  private onTerminalClose(
    provider: WebsocketProvider,
    event: { code: number; reason: string },
  ): void {
    if (event.code === 4401) return this.revoked();
    if (event.code === 4413) {
      this.#error = `The sync server refused more data: ${event.reason}. Your changes are kept on this device; ask the server's operator to raise the limit.`;
    } else if (event.code === 4429) {
      this.#error = 'The sync server asked this device to slow down; syncing resumes in a minute.';
      setTimeout(() => {
        if (this.#providers.get(provider.roomname) === provider) provider.connect();
      }, 60_000);
    } else {
      this.#error = `The sync server closed the connection: ${event.reason || event.code}.`;
    }
    this.refresh();
  }

  private revoked(): void {
    this.stopProviders();
    this.#error =
      'This device was signed out of the sync server (from another device, or the account was deleted). Your data on this device is kept; sign in again to resume syncing.';
    void this.store.setLocal(SESSION_KEY, undefined);
    this.#session = undefined;
    this.#releaseLock?.();
    this.refresh();
  }

  private stopProviders(): void {
    for (const p of this.#providers.values()) p.destroy();
    this.#providers.clear();
    this.#live.clear();
    this.#offStore?.();
    this.#offStore = undefined;
    this.#leader = false;
  }

  private setOnline(online: boolean): void {
    const back = online && !this.#online;
    this.#online = online;
    for (const p of this.#providers.values()) {
      if (online) p.connect();
      else p.disconnect();
    }
    if (online) this.#failedAttempts = 0;
    if (back && this.#leader && this.#session) void this.uploadOnConnect();
    this.refresh();
  }

  // ---- Status ----

  private refresh(): void {
    if (!this.#leader) {
      // Another tab syncs; its status arrives over the channel.
      if (!this.#session) this.#status = this.#error ? 'error' : 'off';
      else if (!this.#online) this.#status = 'offline';
      else if (this.#status === 'off') this.#status = 'connecting';
      return;
    }
    const providers = [...this.#providers.values()];
    let status: SyncStatus;
    if (!this.#session) status = this.#error ? 'error' : 'off';
    else if (!this.#online) status = 'offline';
    else if (providers.some((p) => !p.wsconnected && p.shouldConnect))
      status = this.#error ? 'error' : 'connecting';
    else if (this.#progress || providers.some((p) => !p.synced)) status = 'syncing';
    else status = 'synced';
    if (status === 'synced') {
      if (this.#status !== 'synced') this.#lastSyncedAt = this.now();
      this.#error = undefined;
    }
    this.#status = status;
    this.#channel?.postMessage({
      status,
      lastSyncedAt: this.#lastSyncedAt,
      error: this.#error,
      progress: this.#progress,
    } satisfies SharedStatus);
  }

  private applyShared(shared: SharedStatus): void {
    this.#status = shared.status;
    this.#lastSyncedAt = shared.lastSyncedAt;
    this.#error = shared.error;
    this.#progress = shared.progress;
  }
}

/** The documents every signed-in device keeps connected: the small ones and this year's. */
export function liveDocs(now: number): string[] {
  const year = new Date(now).getUTCFullYear();
  return [
    ...documents.smallDocs,
    ...documents.yearlyDocs.map((p) => documents.yearlyDocName(p, year)),
  ];
}

/** `tally.example.org` → `https://tally.example.org`; the origin only. */
export function normalizeServer(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The y-websocket base for a server origin: rooms are `/sync/<document>`. */
export function wsBase(server: string): string {
  const url = new URL('/sync', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
