// Kept files under /api/files: immutable bytes addressed by their SHA-256, per user. They need no
// Yjs — a file never changes, so storing it twice is a no-op and there is nothing to merge.
//
// Errors here carry the sentence for people in `error` (the app shows it as it is), and the same
// in `message` like the rest of the API.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Device } from '../storage/port.ts';
import type { ApiContext } from './api.ts';
import { sendJson } from './respond.ts';

/** The per-user quota as the files routes use it (the document layer keeps the count). */
export interface QuotaLedger {
  /** Reserves bytes of the user's quota; false when they would take the user past it. */
  reserve(userId: number, bytes: number): Promise<boolean>;
  settleReserved(userId: number, bytes: number, stored: boolean): void;
  released(userId: number, bytes: number): void;
}

const HASH_RE = /^[0-9a-f]{64}$/;

function fail(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message, message });
}

/** The hash in the path, or undefined after answering 400. */
function hashParam(res: ServerResponse, params: string[]): string | undefined {
  const hash = params[0] ?? '';
  if (HASH_RE.test(hash)) return hash;
  fail(res, 400, 'a file is named by its SHA-256: 64 lowercase hexadecimal digits');
  return undefined;
}

type Body = { kind: 'ok'; data: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads the body, at most `limit` bytes: past that it stops reading (the connection is closed
 * after the answer) instead of draining or buffering the rest.
 */
function readCapped(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        chunks.length = 0;
        settle({ kind: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'ok', data: Buffer.concat(chunks, size) });
    const onAbort = (): void => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

function tooLarge(res: ServerResponse, limit: number): void {
  // The rest of the body is left unread: closing is cheaper than draining it.
  res.setHeader('Connection', 'close');
  fail(res, 413, `the file is larger than this server accepts (${limit} bytes)`);
}

export async function listFiles(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
): Promise<void> {
  sendJson(res, 200, { files: await ctx.files.listFiles(device.userId) });
}

export async function putFile(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
  params: string[],
): Promise<void> {
  const hash = hashParam(res, params);
  if (hash === undefined) return;
  const limit = ctx.maxFileBytes;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return tooLarge(res, limit);
  const body = await readCapped(req, limit);
  if (body.kind === 'aborted') return void res.destroy();
  if (body.kind === 'too-large') return tooLarge(res, limit);
  const { data } = body;
  if (createHash('sha256').update(data).digest('hex') !== hash) {
    return fail(res, 400, "the file's content does not match its hash");
  }
  const { userId } = device;
  if (await ctx.files.hasFile(userId, hash)) return sendJson(res, 200, { stored: false });
  if (!(await ctx.quota.reserve(userId, data.length))) {
    return fail(res, 413, 'storing this file would exceed your storage quota');
  }
  let stored = false;
  try {
    stored = await ctx.files.putFile(userId, hash, data, Date.now());
  } finally {
    ctx.quota.settleReserved(userId, data.length, stored);
  }
  if (stored) {
    ctx.metrics.fileUploads.inc();
    ctx.metrics.fileUploadBytes.inc(data.length);
  }
  sendJson(res, stored ? 201 : 200, { stored });
}

export async function getFile(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
  params: string[],
): Promise<void> {
  const hash = hashParam(res, params);
  if (hash === undefined) return;
  // Another user's file answers exactly like one that does not exist.
  const data = await ctx.files.getFile(device.userId, hash);
  if (data === undefined) return fail(res, 404, 'no such file');
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', data.length);
  res.end(data);
}

export async function deleteFile(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  device: Device,
  params: string[],
): Promise<void> {
  const hash = hashParam(res, params);
  if (hash === undefined) return;
  const freed = await ctx.files.deleteFile(device.userId, hash);
  if (freed > 0) ctx.quota.released(device.userId, freed);
  res.statusCode = 204;
  res.end();
}
