// WebSocket close codes and reasons. The y-websocket client (3.x) gives up for good on 4400–4499
// and reconnects with backoff on anything else, so permanent refusals (bad input, auth, limits)
// use 44xx and conditions that may clear (a failed load, a failed write, shutdown) do not.
import type { PeerFailure } from '../documents/manager.ts';

export interface Close {
  readonly code: number;
  readonly reason: string;
}

export const CLOSE = {
  goingAway: { code: 1001, reason: 'server shutting down' },
  signedOut: { code: 4401, reason: 'device signed out' },
  accountDeleted: { code: 4401, reason: 'account deleted' },
  textFrame: { code: 4400, reason: 'malformed message: text frames are not part of the protocol' },
  rateLimited: { code: 4429, reason: 'rate limit exceeded' },
  unresponsive: { code: 1001, reason: 'no answer to ping' },
} as const satisfies Record<string, Close>;

export function malformed(detail: string): Close {
  return { code: 4400, reason: truncate(`malformed message: ${detail}`) };
}

export function messageTooLarge(limit: number): Close {
  return { code: 4413, reason: `message too large (limit ${limit} bytes)` };
}

export function closeFor(failure: PeerFailure): Close {
  switch (failure.kind) {
    case 'load-failed':
      return { code: 1011, reason: 'the document could not be loaded; try again later' };
    case 'storage-failed':
      return { code: 1011, reason: 'the update could not be stored; try again later' };
    case 'doc-too-large':
      return { code: 4413, reason: `document size limit reached (${failure.limit} bytes)` };
    case 'quota-exceeded':
      return { code: 4413, reason: `storage quota exceeded (${failure.limit} bytes)` };
    case 'account-deleted':
      return CLOSE.accountDeleted;
  }
}

/** Close reasons are limited to 123 bytes of UTF-8. */
export function truncate(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= 123) return reason;
  return (
    bytes
      .subarray(0, 120)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + '...'
  );
}
