// One authenticated WebSocket connection to one document: parses frames, enforces the message
// size and rate limits, keeps the link alive, and is a `Peer` to the document layer.
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { DocumentManager, Peer, PeerFailure } from '../documents/manager.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { KEEPALIVE, parseMessage } from '../protocol/message.ts';
import { CLOSE, closeFor, malformed, messageTooLarge, type Close } from './close-codes.ts';
import { framed } from './frames.ts';

export interface ConnectionLimits {
  readonly maxMessageBytes: number;
  readonly messageRate: number;
  readonly messageBurst: number;
  readonly keepaliveMs: number;
}

export interface ConnectionInit {
  readonly id: number;
  readonly ws: WebSocket;
  readonly socket: Duplex;
  readonly userId: number;
  readonly deviceId: number;
  readonly docName: string;
  readonly docs: DocumentManager;
  readonly limits: ConnectionLimits;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly now: () => number;
  readonly onClosed: (connection: Connection) => void;
  /** Its outgoing buffer passed the high-water mark / drained again (see endpoint.ts). */
  readonly onCongested: (connection: Connection) => void;
  readonly onDrained: (connection: Connection) => void;
}

// Flow control: past this many bytes waiting to be sent, the connection's document stops
// reading from its other connections until this one drains; past the hard limit, or when it
// stays congested too long, the connection is dropped (it resyncs when it comes back).
export const HIGH_WATER_BYTES = 64 * 1024;

export type HoldReason = 'rate' | 'room' | 'backlog' | 'stopping';
const HARD_LIMIT_BYTES = 32 * 1024 * 1024;
const CONGESTION_TIMEOUT_MS = 30_000;

// A peer that does not finish the closing handshake is cut off after this long.
const CLOSE_GRACE_MS = 5_000;

export class Connection implements Peer {
  readonly id: number;
  readonly userId: number;
  readonly deviceId: number;
  readonly docName: string;
  private readonly ws: WebSocket;
  private readonly socket: Duplex;
  private readonly docs: DocumentManager;
  private readonly limits: ConnectionLimits;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly now: () => number;

  /** Resolves when the socket has closed. */
  readonly closed: Promise<void>;
  private markClosed!: () => void;
  private closing = false;
  private lastSent: number;
  private lastHeard: number;
  private pingSentAt = 0;
  private tokens: number;
  private tokensAt: number;
  private resumeTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  /** Why reading is paused: rate limit, its document's congestion, commit backlog, shutdown. */
  private readonly pausedFor = new Set<HoldReason>();
  private congestedSince = 0;
  private readonly onCongested: (c: Connection) => void;
  private readonly onDrained: (c: Connection) => void;

  constructor(init: ConnectionInit) {
    this.id = init.id;
    this.ws = init.ws;
    this.socket = init.socket;
    this.userId = init.userId;
    this.deviceId = init.deviceId;
    this.docName = init.docName;
    this.docs = init.docs;
    this.limits = init.limits;
    this.log = init.log;
    this.metrics = init.metrics;
    this.now = init.now;
    const now = this.now();
    this.lastSent = now;
    this.lastHeard = now;
    this.tokens = init.limits.messageBurst;
    this.tokensAt = now;
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    this.onCongested = init.onCongested;
    this.onDrained = init.onDrained;

    this.ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    this.ws.on('pong', () => {
      this.lastHeard = this.now();
      this.pingSentAt = 0;
    });
    this.ws.on('error', (e: Error & { code?: string }) => {
      const reason = e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'too-large' : 'protocol';
      this.metrics.rejectedMessages.inc({ reason });
      this.log.warn(
        { conn: this.id, userId: this.userId, doc: this.docName, error: e.message },
        'websocket error',
      );
    });
    this.socket.on('drain', () => {
      if (this.congestedSince === 0) return;
      this.congestedSince = 0;
      this.onDrained(this);
    });
    this.ws.on('close', (code) => {
      clearTimeout(this.resumeTimer);
      if (this.congestedSince !== 0) {
        this.congestedSince = 0;
        this.onDrained(this);
      }
      clearTimeout(this.closeTimer);
      this.closing = true;
      this.docs.leave(this);
      this.log.debug(
        { conn: this.id, userId: this.userId, doc: this.docName, code },
        'connection closed',
      );
      init.onClosed(this);
      this.markClosed();
    });
    this.docs.join(this.userId, this.docName, this);
  }

  // ---- Peer ----

  send(frame: Uint8Array): void {
    if (this.closing || !this.socket.writable) return;
    this.socket.write(framed(frame));
    this.lastSent = this.now();
    if (this.socket.writableCorked === 0) this.checkBuffered();
  }

  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
    this.checkBuffered();
  }

  private checkBuffered(): void {
    const buffered = this.socket.writableLength;
    if (buffered > HARD_LIMIT_BYTES) {
      this.log.warn({ conn: this.id, buffered }, 'client not reading: dropping the connection');
      this.terminate();
    } else if (buffered > HIGH_WATER_BYTES && this.congestedSince === 0) {
      this.congestedSince = this.now();
      this.onCongested(this);
    }
  }

  fail(failure: PeerFailure): void {
    this.close(closeFor(failure));
  }

  // ---- transport ----

  close(close: Close): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.resumeTimer);
    // Read again (messages are ignored from now on) so the closing handshake can complete.
    this.ws.resume();
    this.ws.close(close.code, close.reason);
    this.closeTimer = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
    this.closeTimer.unref();
  }

  terminate(): void {
    this.closing = true;
    this.ws.terminate();
  }

  /** Stops (or resumes) reading messages for one reason; reading resumes when none is left. */
  hold(reason: HoldReason, on: boolean): void {
    const before = this.pausedFor.size;
    if (on) this.pausedFor.add(reason);
    else this.pausedFor.delete(reason);
    if (this.closing) return;
    if (before === 0 && this.pausedFor.size > 0) this.ws.pause();
    else if (before > 0 && this.pausedFor.size === 0) this.ws.resume();
  }

  /** Stops reading messages (shutdown: nothing new is accepted while pending work commits). */
  pause(): void {
    this.hold('stopping', true);
  }

  /** Called periodically: keeps the client's 30 s watchdog fed, and detects dead peers. */
  tick(now: number): void {
    if (this.closing) return;
    if (this.congestedSince !== 0 && now - this.congestedSince > CONGESTION_TIMEOUT_MS) {
      this.log.warn({ conn: this.id }, 'client not reading: dropping the connection');
      this.terminate();
      return;
    }
    const every = this.limits.keepaliveMs;
    if (this.pingSentAt !== 0 && now - this.pingSentAt > 2 * every) {
      this.log.debug({ conn: this.id }, 'no pong: terminating');
      this.closing = true;
      this.ws.terminate();
      return;
    }
    if (now - this.lastSent >= every) this.send(KEEPALIVE);
    if (this.pingSentAt === 0 && now - this.lastHeard >= every) {
      this.pingSentAt = now;
      this.ws.ping();
    }
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closing) return;
    const now = this.now();
    this.lastHeard = now;
    if (!isBinary) return this.reject(CLOSE.textFrame, 'malformed');
    if (data.length > this.limits.maxMessageBytes) {
      return this.reject(messageTooLarge(this.limits.maxMessageBytes), 'too-large');
    }
    if (!this.take(now)) return;
    const message = parseMessage(data);
    if (!message.ok) return this.reject(malformed(message.error), 'malformed');
    this.docs.receive(this, message.value);
  }

  private reject(close: Close, reason: string): void {
    this.metrics.rejectedMessages.inc({ reason });
    this.log.warn(
      {
        conn: this.id,
        userId: this.userId,
        doc: this.docName,
        code: close.code,
        reason: close.reason,
      },
      'message refused; closing the connection',
    );
    this.close(close);
  }

  /**
   * Token bucket: `messageRate` per second, bursts up to `messageBurst`. An empty bucket pauses
   * reading until it refills (TCP pushes back on the sender); a sender that still overruns a
   * full burst's worth of already-buffered messages is cut off.
   */
  private take(now: number): boolean {
    const { messageRate, messageBurst } = this.limits;
    this.tokens = Math.min(
      messageBurst,
      this.tokens + ((now - this.tokensAt) * messageRate) / 1000,
    );
    this.tokensAt = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return true;
    if (this.tokens < -messageBurst) {
      this.reject(CLOSE.rateLimited, 'rate');
      return false;
    }
    if (this.resumeTimer === undefined) {
      this.hold('rate', true);
      const waitMs = Math.ceil(((1 - this.tokens) * 1000) / messageRate);
      this.resumeTimer = setTimeout(() => {
        this.resumeTimer = undefined;
        this.hold('rate', false);
      }, waitMs);
    }
    return true;
  }
}
