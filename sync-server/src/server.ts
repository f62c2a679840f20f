// Starts Tally's sync server: the PWA, the JSON API and the sync endpoint on one origin.
//
//   const server = await startServer({ port: 0, database: 'data/tally.sqlite' });
//   console.log(server.url); … await server.close();
//
// Layers: transport (HTTP, the WebSocket endpoint, connections) → documents (DocumentManager)
// → storage (the port in storage/port.ts, SQLite adapter in storage/sqlite.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { DestinationStream } from 'pino';
import { Accounts } from './accounts/accounts.ts';
import { bearerToken } from './accounts/tokens.ts';
import { loadConfig, type Config } from './config.ts';
import { inlineBackground, workerBackground } from './background/background.ts';
import { DocumentManager } from './documents/manager.ts';
import { handleApi, sendError, sendJson } from './http/api.ts';
import { clientAddress } from './http/client-address.ts';
import { setSecurityHeaders } from './http/headers.ts';
import { StaticFiles } from './http/static.ts';
import { createLogger, type Logger } from './log.ts';
import { idleCollector } from './memory.ts';
import { Metrics } from './metrics.ts';
import { SqliteStorage } from './storage/sqlite.ts';
import { SYNC_PREFIX, SyncEndpoint } from './transport/endpoint.ts';

export interface ServerOptions extends Partial<Config> {
  /** Where the JSON logs go; standard output by default. */
  readonly logStream?: DestinationStream;
  /** The clock (tests). */
  readonly now?: () => number;
  /** Where background work (compactions, WAL checkpoints) runs: a worker thread (default) or
   * the main thread. */
  readonly compaction?: 'worker' | 'inline';
}

export interface TallyServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  readonly log: Logger;
  /** The document layer, for diagnostics (`docs.stats()`, `docs.isLoaded()`). */
  readonly docs: DocumentManager;
  /** Graceful stop: stop accepting, commit what is pending, close sockets with 1001. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<TallyServer> {
  const { logStream, now: clock, compaction, ...overrides } = options;
  const loaded = loadConfig({ overrides });
  if (!loaded.ok) throw new Error(`invalid server options:\n- ${loaded.error.join('\n- ')}`);
  return start(loaded.value, { logStream, now: clock, compaction });
}

/** Starts with a configuration already checked by `loadConfig` (the CLI's path). */
export async function start(
  config: Config,
  extras: Pick<ServerOptions, 'logStream' | 'now' | 'compaction'> = {},
): Promise<TallyServer> {
  const now = extras.now ?? Date.now;
  const log = createLogger(config.logLevel, extras.logStream);
  const opened = SqliteStorage.open(config.database, {
    synchronous: config.sqliteSynchronous,
    autoCheckpoint: false,
  });
  if (!opened.ok) throw new Error(opened.error);
  const storage = opened.value;
  const metrics = new Metrics(
    () => storage.totalBytes(),
    () => storage.totalFileBytes(),
  );
  const background = extras.compaction === 'inline' ? inlineBackground() : workerBackground();
  const compactor = { run: background.compact.bind(background) };
  // WAL checkpoints (which fsync) run on the background thread, once a second after writes.
  let checkpointedAt = 0;
  let checkpointing = false;
  const checkpointTimer = setInterval(() => {
    if (checkpointing || storage.commits === checkpointedAt || config.database === ':memory:')
      return;
    checkpointing = true;
    const upTo = storage.commits;
    void background.checkpoint(config.database).then((result) => {
      checkpointing = false;
      if (result.ok) checkpointedAt = upTo;
      else {
        log.error({ error: result.error }, 'background checkpoint failed; checkpointing here');
        storage.checkpoint();
        checkpointedAt = upTo;
      }
    });
  }, 1000);
  checkpointTimer.unref();

  const docs = new DocumentManager({
    store: storage,
    compactor,
    limits: config,
    log,
    metrics,
    now,
  });
  // Once the last document unloads, give the heap of the busy hours back (see memory.ts).
  const idleMemory = idleCollector(() => docs.stats().loaded === 0);
  docs.on('unloaded', () => idleMemory.schedule());
  const accounts = new Accounts({
    store: storage,
    openRegistration: config.openRegistration,
    failuresPerAccount: config.loginFailuresPerAccount,
    failuresPerAddress: config.loginFailuresPerAddress,
    windowMs: config.loginWindowMs,
    now,
    hooks: {
      // The endpoint is created below; hooks only run once the server is up.
      onDeviceRevoked: (deviceId) => syncEndpoint.closeDevice(deviceId),
      beforeUserErased: (userId) => docs.forgetUser(userId),
    },
  });
  const syncEndpoint = new SyncEndpoint({
    docs,
    accounts,
    store: storage,
    limits: config,
    log,
    metrics,
    now,
    revalidateMs: config.recheckDevicesMs,
  });

  let files: StaticFiles | null = null;
  if (config.staticDir !== null) {
    if (existsSync(config.staticDir) && statSync(config.staticDir).isDirectory()) {
      files = new StaticFiles(config.staticDir);
    } else {
      log.warn(
        { staticDir: config.staticDir },
        'the static directory does not exist: serving no app',
      );
    }
  }
  const trusted = new Set(config.trustProxy);
  const tlsFiles =
    config.tlsCert !== null && config.tlsKey !== null
      ? { cert: config.tlsCert, key: config.tlsKey }
      : null;
  const tls = tlsFiles !== null;
  let stopping = false;

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const reqId = requestId();
    const started = performance.now();
    const address = clientAddress(req, trusted);
    res.setHeader('X-Request-Id', reqId);
    setSecurityHeaders(res, req.headers.host, { tls });
    let path = '(invalid)';
    let route = 'other';
    res.on('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const entry = {
        reqId,
        method: req.method,
        // A kept file's hash says what someone stored: the logs show only that it was a file.
        path: path.replace(/^\/api\/files\/[^/]+$/, '/api/files/:hash'),
        status: res.statusCode,
        ms,
        ...(config.logClientAddresses ? { address } : {}),
      };
      metrics.httpRequests.inc({ route, status: `${Math.floor(res.statusCode / 100)}xx` });
      if (res.statusCode >= 500) log.warn(entry, 'request');
      else if (route === 'api') log.info(entry, 'request');
      else log.debug(entry, 'request');
    });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(res, 400, 'bad-request', 'the request target is not a valid URL');
    }
    path = url.pathname;
    if (path === '/healthz') {
      route = 'healthz';
      return sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok' });
    }
    if (path === '/metrics') {
      route = 'metrics';
      if (config.metricsToken !== null && !sameSecret(bearerToken(req), config.metricsToken)) {
        return sendError(res, 401, 'unauthorized', 'metrics need the metrics token');
      }
      const text = await metrics.registry.metrics();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(text);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      route = 'api';
      if (stopping) return sendError(res, 503, 'stopping', 'the server is shutting down');
      return handleApi(req, res, path, {
        accounts,
        docs: storage,
        files: storage,
        quota: docs,
        maxFileBytes: config.maxFileBytes,
        metrics,
        address,
      });
    }
    if (path.startsWith(SYNC_PREFIX)) {
      route = 'sync';
      res.setHeader('Upgrade', 'websocket');
      return sendError(res, 426, 'upgrade-required', 'this endpoint speaks WebSocket');
    }
    route = 'static';
    if (files === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(res, files === null ? 404 : 405, 'not-found', 'not found');
    }
    const result = await files.serve(req, res, path, (hashes) =>
      setSecurityHeaders(res, req.headers.host, { tls, hashes }),
    );
    if (result.kind === 'not-found') sendError(res, 404, 'not-found', 'not found');
    else if (result.kind === 'bad-request') sendError(res, 400, 'bad-request', 'bad path');
  };

  const BODY_TIMEOUT_MS = 300_000;
  const serverOptions: http.ServerOptions = {
    headersTimeout: config.preAuthTimeoutMs,
    // The headers must come within the pre-auth timeout (slow-loris clients are dropped); a
    // body may take longer: a kept activity file of 32 MiB from a phone on a slow link.
    requestTimeout: Math.max(config.preAuthTimeoutMs, BODY_TIMEOUT_MS),
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(1000, Math.floor(config.preAuthTimeoutMs / 4)),
    ),
  };
  const requested = new WeakSet<Socket>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    requested.add(req.socket);
    onRequest(req, res).catch((e: unknown) => {
      log.error({ error: (e as Error).message }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'something went wrong on the server');
      else res.destroy();
    });
  };
  const server = tlsFiles
    ? https.createServer(
        { ...serverOptions, cert: readFileSync(tlsFiles.cert), key: readFileSync(tlsFiles.key) },
        handler,
      )
    : http.createServer(serverOptions, handler);
  // A new connection has the pre-auth timeout to deliver a complete first request (silent or
  // trickling clients are dropped); later requests on it are bounded by Node's own timeouts.
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (!requested.has(socket)) socket.destroy();
    }, config.preAuthTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
    requested.add(req.socket);
    syncEndpoint.handleUpgrade(req, socket, head, requestId());
  });
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    const status =
      e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  log.info({ url, database: config.database, staticDir: files?.root ?? null }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopping = true;
      log.info('shutting down');
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      syncEndpoint.stopAccepting();
      await docs.close();
      await syncEndpoint.closeAll(config.shutdownTimeoutMs);
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await serverClosed;
      clearTimeout(forced);
      clearInterval(checkpointTimer);
      idleMemory.close();
      await background.close();
      await storage.close();
      log.info('stopped');
      log.flush();
    })();
    return closing;
  };

  return { url, port, config, log, docs, close };
}

function requestId(): string {
  return randomBytes(6).toString('base64url');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
