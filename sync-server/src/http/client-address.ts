// The address a request came from. X-Forwarded-For is believed only when the connection comes
// from a configured proxy, and then read from the right: the first address that is not one of
// our proxies is the client (anything left of it was written by the client and proves nothing).
import type { IncomingMessage } from 'node:http';

export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const remote = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(remote)) return remote;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => normalizeAddress(s.trim()))
    .filter((s) => s !== '');
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i] as string;
    if (!trustedProxies.has(hop)) return hop;
  }
  return chain[0] ?? remote;
}
