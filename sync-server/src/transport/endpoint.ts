// The /sync/<doc> WebSocket endpoint. Authentication happens at the HTTP upgrade, before
// `handleUpgrade`: a request without a valid device token is answered 401 and never becomes a
// WebSocket. Also keeps the registry of open connections (for revocation, keepalive, shutdown).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as documents from '@tally/model/documents';
import type { Accounts } from '../accounts/accounts.ts';
import { SUBPROTOCOL, subprotocols, upgradeToken } from '../accounts/tokens.ts';
import type { DocumentManager } from '../documents/manager.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { AccountStore } from '../storage/port.ts';
import { CLOSE, type Close } from './close-codes.ts';
import { Connection, type ConnectionLimits } from './connection.ts';

export const SYNC_PREFIX = '/sync/';

export interface EndpointOptions {
  readonly docs: DocumentManager;
  readonly accounts: Accounts;
  readonly store: AccountStore;
  readonly limits: ConnectionLimits & { readonly maxConnectionsPerUser: number };
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
  /** How often to re-check that open connections' devices still exist (CLI revocations). */
  readonly revalidateMs?: number;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

export class SyncEndpoint {
  private readonly options: EndpointOptions;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly byDevice = new Map<number, Set<Connection>>();
  /** Connections by document (user/doc), and those of each document that are congested. */
  private readonly byRoom = new Map<string, Set<Connection>>();
  private readonly congested = new Map<string, Set<Connection>>();
  private readonly perUser = new Map<number, number>();
  private readonly ticker: NodeJS.Timeout;
  private readonly revalidator: NodeJS.Timeout;
  private nextId = 1;
  private stopping = false;
  private backlogged = false;

  constructor(options: EndpointOptions) {
    this.options = options;
    this.wss = new WebSocketServer({
      noServer: true,
      // Messages up to maxMessageBytes are judged by the connection (a 4413 with a reason);
      // this is the hard cap that bounds memory.
      maxPayload: options.limits.maxMessageBytes * 2,
      perMessageDeflate: false,
      clientTracking: false,
      // Never echo the token entry: the app's own subprotocol is the one accepted.
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    const tickEvery = Math.max(50, Math.floor(options.limits.keepaliveMs / 3));
    this.ticker = setInterval(() => {
      const now = this.options.now();
      for (const c of this.connections) c.tick(now);
    }, tickEvery);
    this.ticker.unref();
    this.revalidator = setInterval(() => void this.revalidate(), options.revalidateMs ?? 60_000);
    this.revalidator.unref();
    options.docs.on('backlog', (held) => {
      this.backlogged = held;
      for (const c of this.connections) c.hold('backlog', held);
    });
  }

  get size(): number {
    return this.connections.size;
  }

  /** The server's 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, reqId: string): void {
    socket.on('error', () => socket.destroy());
    void this.upgrade(req, socket, head, reqId).catch((e: unknown) => {
      this.options.log.error({ reqId, error: (e as Error).message }, 'upgrade failed');
      refuse(socket, 503, 'the server could not take the connection');
    });
  }

  private async upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    reqId: string,
  ): Promise<void> {
    const { log, metrics, accounts } = this.options;
    if (this.stopping) return refuse(socket, 503, 'the server is shutting down');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(SYNC_PREFIX)) return refuse(socket, 404, 'not a sync endpoint');
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PREFIX.length));
    } catch {
      return refuse(socket, 400, 'the document name is not valid URL encoding');
    }
    if (!documents.isDocName(docName)) return refuse(socket, 404, 'no such document');

    const found = upgradeToken(req, url);
    if (found === undefined) {
      metrics.authFailures.inc({ reason: 'missing' });
      log.info({ reqId, doc: docName }, 'sync refused: no token');
      return refuse(socket, 401, 'a device token is required');
    }
    const offered = subprotocols(req);
    if (offered.length > 0 && !offered.includes(SUBPROTOCOL)) {
      return refuse(socket, 400, `offer the "${SUBPROTOCOL}" subprotocol beside the token`);
    }
    const device = await accounts.authenticate(found.token);
    if (device === undefined) {
      metrics.authFailures.inc({ reason: 'invalid' });
      log.info({ reqId, doc: docName }, 'sync refused: unknown or revoked token');
      return refuse(socket, 401, 'the device token is not valid (signed out?)');
    }
    if (socket.destroyed) return;
    if (this.stopping) return refuse(socket, 503, 'the server is shutting down');
    const open = this.perUser.get(device.userId) ?? 0;
    if (open >= this.options.limits.maxConnectionsPerUser) {
      log.warn({ reqId, userId: device.userId }, 'sync refused: too many connections');
      return refuse(socket, 429, 'too many open connections for this account');
    }

    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection({
        id: this.nextId++,
        ws,
        socket,
        userId: device.userId,
        deviceId: device.id,
        docName,
        docs: this.options.docs,
        limits: this.options.limits,
        log,
        metrics,
        now: this.options.now,
        onClosed: (c) => this.forget(c),
        onCongested: (c) => this.congestion(c, true),
        onDrained: (c) => this.congestion(c, false),
      });
      this.connections.add(connection);
      let set = this.byDevice.get(device.id);
      if (!set) this.byDevice.set(device.id, (set = new Set()));
      set.add(connection);
      const key = roomKey(connection);
      let room = this.byRoom.get(key);
      if (!room) this.byRoom.set(key, (room = new Set()));
      room.add(connection);
      if (this.congested.has(key)) connection.hold('room', true);
      if (this.backlogged) connection.hold('backlog', true);
      this.perUser.set(device.userId, (this.perUser.get(device.userId) ?? 0) + 1);
      metrics.connections.inc();
      metrics.connectionsTotal.inc();
      log.debug(
        { reqId, conn: connection.id, userId: device.userId, doc: docName, via: found.source },
        'connected',
      );
    });
  }

  private forget(c: Connection): void {
    if (!this.connections.delete(c)) return;
    const room = this.byRoom.get(roomKey(c));
    room?.delete(c);
    if (room?.size === 0) this.byRoom.delete(roomKey(c));
    const set = this.byDevice.get(c.deviceId);
    set?.delete(c);
    if (set?.size === 0) this.byDevice.delete(c.deviceId);
    const n = (this.perUser.get(c.userId) ?? 1) - 1;
    if (n > 0) this.perUser.set(c.userId, n);
    else this.perUser.delete(c.userId);
    this.options.metrics.connections.dec();
  }

  /**
   * Backpressure: while any connection of a document has more than HIGH_WATER_BYTES waiting to
   * go out, the server stops reading that document's connections — what they send waits in the
   * kernel, not in this process — and resumes once all of them have drained.
   */
  private congestion(c: Connection, on: boolean): void {
    const key = roomKey(c);
    let set = this.congested.get(key);
    const wasHeld = set !== undefined && set.size > 0;
    if (on) {
      if (!set) this.congested.set(key, (set = new Set()));
      set.add(c);
    } else set?.delete(c);
    const held = set !== undefined && set.size > 0;
    if (!held) this.congested.delete(key);
    if (held !== wasHeld) for (const peer of this.byRoom.get(key) ?? []) peer.hold('room', held);
  }

  /** Closes every connection of a device (it was revoked). */
  closeDevice(deviceId: number, close: Close = CLOSE.signedOut): void {
    for (const c of this.byDevice.get(deviceId) ?? []) c.close(close);
  }

  private async revalidate(): Promise<void> {
    const ids = [...this.byDevice.keys()];
    if (ids.length === 0) return;
    try {
      const existing = await this.options.store.existingDevices(ids);
      for (const id of ids) if (!existing.has(id)) this.closeDevice(id);
    } catch (e) {
      this.options.log.error({ error: (e as Error).message }, 'device revalidation failed');
    }
  }

  /** Stops accepting and reading; pending updates can then be committed. */
  stopAccepting(): void {
    this.stopping = true;
    clearInterval(this.revalidator);
    for (const c of this.connections) c.pause();
  }

  /** Closes every connection (1001) and waits for them, at most `timeoutMs`. */
  async closeAll(timeoutMs: number): Promise<void> {
    clearInterval(this.ticker);
    const closed = [...this.connections].map((c) => c.closed);
    for (const c of this.connections) c.close(CLOSE.goingAway);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closed),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    for (const c of this.connections) c.terminate();
    this.wss.close();
  }
}

function roomKey(c: Connection): string {
  return `${c.userId}/${c.docName}`;
}

/** Answers an upgrade request with a plain HTTP error and ends the socket. */
export function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      (status === 401 ? 'WWW-Authenticate: Bearer\r\n' : '') +
      '\r\n' +
      body,
    // Not half-open: the client may never close its side.
    () => socket.destroy(),
  );
}
