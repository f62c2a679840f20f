// Device tokens: 32 random bytes, shown to the device once and stored only as their SHA-256.
// A token travels as `Authorization: Bearer <token>` to the API, and to /sync/* either as a
// WebSocket subprotocol entry `token.<token>` next to `tally` (browsers cannot set headers on a
// WebSocket) or as a `token` query parameter.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_PREFIX = 'tly_';
export const SUBPROTOCOL = 'tally';
export const TOKEN_SUBPROTOCOL_PREFIX = 'token.';

const TOKEN_RE = /^tly_[A-Za-z0-9_-]{43}$/;

export function createToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether the text has a token's shape (a cheap check before any lookup). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_RE.test(text);
}

export function subprotocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type TokenSource = 'subprotocol' | 'query' | 'header';

/** The token of a WebSocket upgrade: from the subprotocol list, else the query string. */
export function upgradeToken(
  req: IncomingMessage,
  url: URL,
): { token: string; source: TokenSource } | undefined {
  const entry = subprotocols(req).find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  if (entry !== undefined) {
    return { token: entry.slice(TOKEN_SUBPROTOCOL_PREFIX.length), source: 'subprotocol' };
  }
  const query = url.searchParams.get('token');
  return query !== null ? { token: query, source: 'query' } : undefined;
}

/** The token of an API request: `Authorization: Bearer <token>`. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
