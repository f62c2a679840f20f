// Security headers for every response, and the Content-Security-Policy of the app: only our own
// origin, plus the exact hashes of the inline scripts and styles of the HTML page served (the
// SvelteKit build starts itself from one inline script), so no 'unsafe-inline' is needed for
// scripts or style elements. Two exceptions: 'wasm-unsafe-eval' lets the page compile its own
// WebAssembly (Argon2id for encrypted backups), and style attributes that Svelte sets at run time
// (`style="width: {pct}%"`) cannot be known by hash, so `style-src-attr` allows them inline —
// an attribute can restyle an element, never run code.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface InlineHashes {
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
  /** `style="…"` attributes: allowed by hash with 'unsafe-hashes'. */
  readonly styleAttributes: readonly string[];
}

export const NO_HASHES: InlineHashes = { scripts: [], styles: [], styleAttributes: [] };

const HOST_RE = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hashes of every inline script, style element and style attribute of an HTML page. */
export function inlineHashes(html: string): InlineHashes {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const styleAttributes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs) || /\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attrs))
      continue;
    scripts.add(sha256(m[2] ?? ''));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi))
    styles.add(sha256(m[1] ?? ''));
  for (const m of html.matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    styleAttributes.add(sha256(m[1] ?? m[2] ?? ''));
  }
  return { scripts: [...scripts], styles: [...styles], styleAttributes: [...styleAttributes] };
}

/** The app's CSP; `host` (the request's Host header) names our own WebSocket origin. */
export function contentSecurityPolicy(host: string | undefined, hashes: InlineHashes): string {
  const sockets = host !== undefined && HOST_RE.test(host) ? ` ws://${host} wss://${host}` : '';
  const styleSrc = [
    "'self'",
    ...hashes.styles,
    ...(hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : []),
  ];
  return [
    "default-src 'self'",
    `script-src ${["'self'", "'wasm-unsafe-eval'", ...hashes.scripts].join(' ')}`,
    `style-src ${styleSrc.join(' ')}`,
    "style-src-attr 'unsafe-inline'",
    // Vite inlines small images and fonts as data: URLs; blob: is for previews made in the page.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function setSecurityHeaders(
  res: ServerResponse,
  host: string | undefined,
  options: { hashes?: InlineHashes; tls: boolean },
): void {
  res.setHeader(
    'Content-Security-Policy',
    contentSecurityPolicy(host, options.hashes ?? NO_HASHES),
  );
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (options.tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}
