// Serves the built PWA. Hashed assets (/_app/immutable/) are cached for a year; the service
// worker and HTML are never cached (a stale one would pin an old app); everything else is
// revalidated. Unknown paths that look like app routes get index.html (the SPA fallback);
// unknown files get 404, so a missing script never arrives as HTML.
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, resolve, sep } from 'node:path';
import { inlineHashes, type InlineHashes } from './headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NEVER_CACHED = new Set(['service-worker.js', 'sw.js']);

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_STORE = 'no-store';
export const REVALIDATE = 'no-cache';

export function cacheControlFor(urlPath: string): string {
  const base = posix.basename(urlPath);
  if (NEVER_CACHED.has(base) || extname(base) === '.html' || urlPath.endsWith('/')) return NO_STORE;
  if (urlPath.startsWith('/_app/immutable/')) return IMMUTABLE;
  return REVALIDATE;
}

interface Resolved {
  readonly file: string;
  readonly stats: Stats;
  readonly urlPath: string;
}

export type StaticResult =
  { readonly kind: 'served' } | { readonly kind: 'not-found' } | { readonly kind: 'bad-request' };

export class StaticFiles {
  readonly root: string;
  private readonly hashCache = new Map<string, { mtimeMs: number; hashes: InlineHashes }>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /**
   * Serves GET/HEAD `pathname`. `setHeaders` is called with the page's inline hashes (for the
   * CSP) before anything is written.
   */
  async serve(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    setHeaders: (hashes?: InlineHashes) => void,
  ): Promise<StaticResult> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return { kind: 'bad-request' };
    }
    if (decoded.includes('\0') || !decoded.startsWith('/')) return { kind: 'bad-request' };
    const urlPath = posix.normalize(decoded);
    if (urlPath.split('/').some((s) => s.startsWith('.') && s !== '.well-known')) {
      return { kind: 'not-found' };
    }
    let found = await this.find(urlPath);
    if (found === undefined) {
      if (!this.isAppRoute(urlPath)) return { kind: 'not-found' };
      found = await this.find('/index.html');
      if (found === undefined) return { kind: 'not-found' };
    }
    await this.send(req, res, found, setHeaders);
    return { kind: 'served' };
  }

  /** A path the app's router handles: not an asset, not under /_app/, no file extension. */
  private isAppRoute(urlPath: string): boolean {
    return !urlPath.startsWith('/_app/') && extname(posix.basename(urlPath)) === '';
  }

  private async find(urlPath: string): Promise<Resolved | undefined> {
    const file = join(this.root, urlPath);
    if (file !== this.root && !file.startsWith(this.root + sep)) return undefined;
    try {
      const stats = await stat(file);
      if (stats.isFile()) return { file, stats, urlPath };
      if (stats.isDirectory()) {
        const index = join(file, 'index.html');
        const indexStats = await stat(index);
        if (indexStats.isFile())
          return { file: index, stats: indexStats, urlPath: posix.join(urlPath, 'index.html') };
      }
    } catch {
      // not there
    }
    return undefined;
  }

  private async send(
    req: IncomingMessage,
    res: ServerResponse,
    found: Resolved,
    setHeaders: (hashes?: InlineHashes) => void,
  ): Promise<void> {
    const ext = extname(found.file);
    const isHtml = ext === '.html';
    setHeaders(isHtml ? await this.hashesOf(found) : undefined);
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControlFor(found.urlPath));
    const etag = `W/"${found.stats.size.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', found.stats.mtime.toUTCString());
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const encoded = await this.precompressed(req, found);
    if (encoded !== undefined) {
      res.setHeader('Content-Encoding', encoded.encoding);
      res.setHeader('Vary', 'Accept-Encoding');
    }
    const body = encoded ?? { file: found.file, size: found.stats.size };
    res.setHeader('Content-Length', body.size);
    res.statusCode = 200;
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(body.file);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      res.on('close', done);
      stream.pipe(res);
    });
  }

  private async precompressed(
    req: IncomingMessage,
    found: Resolved,
  ): Promise<{ file: string; size: number; encoding: string } | undefined> {
    const accept = req.headers['accept-encoding'];
    if (typeof accept !== 'string') return undefined;
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!new RegExp(`\\b${encoding}\\b`).test(accept)) continue;
      try {
        const s = await stat(found.file + suffix);
        if (s.isFile()) return { file: found.file + suffix, size: s.size, encoding };
      } catch {
        // no precompressed variant
      }
    }
    return undefined;
  }

  private async hashesOf(found: Resolved): Promise<InlineHashes> {
    const cached = this.hashCache.get(found.file);
    if (cached && cached.mtimeMs === found.stats.mtimeMs) return cached.hashes;
    const hashes = inlineHashes(await readFile(found.file, 'utf8'));
    this.hashCache.set(found.file, { mtimeMs: found.stats.mtimeMs, hashes });
    return hashes;
  }
}
