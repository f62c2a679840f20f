// The JSON API under /api: sign-in, devices, the caller's documents and kept files, account
// deletion.
// Requests other than login/register carry `Authorization: Bearer <device token>`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountError, Accounts } from '../accounts/accounts.ts';
import { bearerToken } from '../accounts/tokens.ts';
import type { Metrics } from '../metrics.ts';
import type { Device, DocStore, FileStore } from '../storage/port.ts';
import { deleteFile, getFile, listFiles, putFile, type QuotaLedger } from './files.ts';
import { sendError, sendJson } from './respond.ts';

export { sendError, sendJson };

const MAX_BODY_BYTES = 16 * 1024;

export interface ApiContext {
  readonly accounts: Accounts;
  readonly docs: DocStore;
  readonly files: FileStore;
  /** The per-user quota, shared by documents and files. */
  readonly quota: QuotaLedger;
  readonly maxFileBytes: number;
  readonly metrics: Metrics;
  /** The client address (for throttling; never logged unless the operator says so). */
  readonly address: string;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  params: string[],
) => Promise<void>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: Handler;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/login$/, handler: login },
  { method: 'POST', pattern: /^\/api\/register$/, handler: register },
  { method: 'POST', pattern: /^\/api\/logout$/, handler: authed(logout) },
  { method: 'GET', pattern: /^\/api\/me$/, handler: authed(me) },
  { method: 'GET', pattern: /^\/api\/devices$/, handler: authed(listDevices) },
  { method: 'DELETE', pattern: /^\/api\/devices\/(\d{1,15})$/, handler: authed(revokeDevice) },
  { method: 'GET', pattern: /^\/api\/docs$/, handler: authed(listDocs) },
  { method: 'DELETE', pattern: /^\/api\/account$/, handler: authed(deleteAccount) },
  { method: 'GET', pattern: /^\/api\/files$/, handler: authed(listFiles) },
  { method: 'PUT', pattern: /^\/api\/files\/([^/]*)$/, handler: authed(putFile) },
  { method: 'GET', pattern: /^\/api\/files\/([^/]*)$/, handler: authed(getFile) },
  { method: 'DELETE', pattern: /^\/api\/files\/([^/]*)$/, handler: authed(deleteFile) },
];

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  ctx: ApiContext,
): Promise<void> {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    await route.handler(req, res, ctx, m.slice(1));
    return;
  }
  if (pathMatched) {
    res.setHeader(
      'Allow',
      ROUTES.filter((r) => r.pattern.test(pathname))
        .map((r) => r.method)
        .join(', '),
    );
    sendError(res, 405, 'method-not-allowed', `${req.method ?? ''} is not allowed here`);
  } else sendError(res, 404, 'not-found', 'no such API endpoint');
}

function sendAccountError(res: ServerResponse, e: AccountError): void {
  switch (e.kind) {
    case 'invalid-input':
      return sendJson(res, 400, { error: e.kind, field: e.field, message: e.message });
    case 'invalid-credentials':
      return sendError(res, 401, e.kind, 'wrong user name or password');
    case 'throttled': {
      const seconds = Math.ceil(e.retryAfterMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      return sendJson(res, 429, {
        error: e.kind,
        message: `too many failed attempts; try again in ${seconds} s`,
        retryAfterSeconds: seconds,
      });
    }
    case 'name-taken':
      return sendError(res, 409, e.kind, 'that user name is taken');
    case 'registration-closed':
      return sendError(
        res,
        403,
        e.kind,
        'registration is closed; ask the server owner for an account',
      );
    case 'no-such-user':
      return sendError(res, 404, e.kind, 'no such user');
  }
}

/** Reads a JSON body (at most 16 KiB, Content-Type application/json). */
async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    sendError(res, 415, 'unsupported-media-type', 'send the body as application/json');
    return { ok: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      sendError(res, 413, 'body-too-large', `the body may have at most ${MAX_BODY_BYTES} bytes`);
      req.resume();
      return { ok: false };
    }
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    sendError(res, 400, 'invalid-json', 'the body is not valid JSON');
    return { ok: false };
  }
}

export type AuthedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
  params: string[],
) => Promise<void>;

function authed(handler: AuthedHandler): Handler {
  return async (req, res, ctx, params) => {
    const token = bearerToken(req);
    const device = token === undefined ? undefined : await ctx.accounts.authenticate(token);
    if (device === undefined) {
      ctx.metrics.authFailures.inc({ reason: token === undefined ? 'missing' : 'invalid' });
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(
        res,
        401,
        'unauthorized',
        'sign in first: send Authorization: Bearer <device token>',
      );
      return;
    }
    await handler(req, res, ctx, device, params);
  };
}

async function login(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const body = await readJson(req, res);
  if (!body.ok) return;
  const result = await ctx.accounts.login(body.value, ctx.address);
  ctx.metrics.logins.inc({ result: result.ok ? 'ok' : result.error.kind });
  if (!result.ok) return sendAccountError(res, result.error);
  sendSignIn(res, 200, result.value);
}

async function register(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  if (!ctx.accounts.registrationOpen) {
    return sendAccountError(res, { kind: 'registration-closed' });
  }
  const body = await readJson(req, res);
  if (!body.ok) return;
  const result = await ctx.accounts.register(body.value, ctx.address);
  if (!result.ok) return sendAccountError(res, result.error);
  sendSignIn(res, 201, result.value);
}

function sendSignIn(
  res: ServerResponse,
  status: number,
  signIn: { user: { name: string }; device: Device; token: string },
): void {
  sendJson(res, status, {
    token: signIn.token,
    user: { name: signIn.user.name },
    device: deviceJson(signIn.device, signIn.device.id),
  });
}

function deviceJson(d: Device, currentId: number): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    lastUsedAt: d.lastUsedAt,
    current: d.id === currentId,
  };
}

async function logout(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  await ctx.accounts.revokeDevice(device.userId, device.id);
  res.statusCode = 204;
  res.end();
}

async function me(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  const user = await ctx.accounts.userOf(device);
  if (!user) return sendError(res, 401, 'unauthorized', 'the account no longer exists');
  sendJson(res, 200, { user: { name: user.name }, device: deviceJson(device, device.id) });
}

async function listDevices(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  const devices = await ctx.accounts.listDevices(device.userId);
  sendJson(res, 200, { devices: devices.map((d) => deviceJson(d, device.id)) });
}

async function revokeDevice(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
  params: string[],
): Promise<void> {
  // Another user's device id answers exactly like one that does not exist.
  const revoked = await ctx.accounts.revokeDevice(device.userId, Number(params[0]));
  if (!revoked) return sendError(res, 404, 'not-found', 'no such device');
  res.statusCode = 204;
  res.end();
}

async function listDocs(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  const docs = await ctx.docs.list(device.userId);
  sendJson(res, 200, { docs });
}

async function deleteAccount(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  const body = await readJson(req, res);
  if (!body.ok) return;
  const result = await ctx.accounts.deleteAccount(device.userId, body.value, ctx.address);
  if (!result.ok) return sendAccountError(res, result.error);
  res.statusCode = 204;
  res.end();
}
