import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import pkg from './package.json' with { type: 'json' };

// Each build is a new version, so the service worker re-fetches the fallback page. Kept in the
// environment because SvelteKit reads this file again in the process that writes index.html.
process.env.TALLY_BUILD_VERSION ??= `${pkg.version}+${Date.now().toString(36)}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route renders in the browser from the fallback page.
    // TALLY_BUILD_DIR lets the update test build two versions side by side.
    adapter: adapter({
      pages: process.env.TALLY_BUILD_DIR ?? 'build',
      assets: process.env.TALLY_BUILD_DIR ?? 'build',
      fallback: 'index.html',
      strict: true,
    }),
    files: { src: 'web' },
    version: { name: process.env.TALLY_BUILD_VERSION },
    // Registered by web/lib/pwa/update.svelte.ts through workbox-window, to drive the update prompt.
    serviceWorker: { register: false },
    // Nothing but this origin: no CDN, font, analytics or tile server can be reached.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'connect-src': ['self'],
        'worker-src': ['self', 'blob:'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
