// Serving the built PWA: caching per kind of file, the SPA fallback, and the security headers.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

const BOOT = "\n  __app = {};\n  import('/_app/immutable/entry/start.abc123.js');\n";
const INDEX = `<!doctype html><html><head><title>Tally</title></head><body><div style="display: contents"><script>${BOOT}</script></div></body></html>`;

function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'tally-static-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'index.html': INDEX,
    '_app/immutable/entry/start.abc123.js': 'export const start = 1;',
    '_app/version.json': '{"version":"1"}',
    'service-worker.js': 'self.addEventListener("fetch", () => {});',
    'sw.js': '// workbox',
    'manifest.webmanifest': '{"name":"Tally"}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'settings/index.html': '<!doctype html><p>prerendered</p>',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const sha = (text: string): string =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('static files', () => {
  it('caches hashed assets for a year and never caches the service worker or the page', async () => {
    const t = await startTestServer({ staticDir: site() });
    const cases: [string, string, string][] = [
      [
        '/_app/immutable/entry/start.abc123.js',
        'public, max-age=31536000, immutable',
        'text/javascript; charset=utf-8',
      ],
      ['/service-worker.js', 'no-store', 'text/javascript; charset=utf-8'],
      ['/sw.js', 'no-store', 'text/javascript; charset=utf-8'],
      ['/', 'no-store', 'text/html; charset=utf-8'],
      ['/index.html', 'no-store', 'text/html; charset=utf-8'],
      ['/_app/version.json', 'no-cache', 'application/json; charset=utf-8'],
      ['/manifest.webmanifest', 'no-cache', 'application/manifest+json; charset=utf-8'],
      ['/favicon.svg', 'no-cache', 'image/svg+xml'],
    ];
    for (const [path, cache, type] of cases) {
      const res = await t.fetch(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe(cache);
      expect(res.headers.get('content-type'), path).toBe(type);
    }
  });

  it('falls back to index.html for app routes, but not for missing files', async () => {
    const t = await startTestServer({ staticDir: site() });
    for (const route of ['/bills', '/time/2026/03', '/activities/01J8Z']) {
      const res = await t.fetch(route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(await (await t.fetch('/settings')).text()).toContain('prerendered');
    for (const missing of ['/_app/immutable/entry/gone.js', '/missing.png', '/_app/anything']) {
      expect((await t.fetch(missing)).status, missing).toBe(404);
    }
    expect((await t.fetch('/api/nothing')).status).toBe(404);
  });

  it('never serves a file outside its directory', async () => {
    const root = site();
    writeFileSync(join(root, '..', 'outside.txt'), 'do not serve');
    onTestFinished(() => rmSync(join(root, '..', 'outside.txt'), { force: true }));
    const t = await startTestServer({ staticDir: root });
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/.env',
    ]) {
      const res = await fetch(t.url + path);
      expect(await res.text(), path).not.toContain('do not serve');
      expect(res.status === 404 || res.status === 200 || res.status === 400, path).toBe(true);
    }
  });

  it('sends the security headers, with a CSP of our own origin and the page’s inline hashes', async () => {
    const t = await startTestServer({ staticDir: site() });
    const res = await t.fetch('/');
    const host = new URL(t.url).host;
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${sha(BOOT)}`);
    expect(csp).toContain(`style-src 'self' 'unsafe-hashes' ${sha('display: contents')}`);
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    // Inline code stays forbidden; only style attributes may be inline.
    expect(csp).not.toMatch(/(script|style)-src [^;]*unsafe-inline/);
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const api = await t.fetch('/healthz');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers HEAD and revalidation', async () => {
    const t = await startTestServer({ staticDir: site() });
    const first = await t.fetch('/manifest.webmanifest');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await t.fetch('/manifest.webmanifest', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await t.fetch('/favicon.svg', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(
      String('<svg xmlns="http://www.w3.org/2000/svg"/>'.length),
    );
    expect((await t.fetch('/favicon.svg', { method: 'POST' })).status).toBe(405);
  });
});
