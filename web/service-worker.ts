/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker makes Tally open with no network after one visit: every built asset and
// the app shell are precached (versioned; old caches removed on activate), and any navigation
// is answered with the SPA's fallback page. It never talks to anything but this origin, and it
// does not touch the API or the sync socket.
import { build, files, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

const SHELL = '/index.html';

precacheAndRoute([
  // Hashed file names: the name is the revision.
  ...build.map((url) => ({ url, revision: null })),
  // Static files and the shell change without changing their names.
  ...files.filter((url) => !url.endsWith('.DS_Store')).map((url) => ({ url, revision: version })),
  { url: SHELL, revision: version },
]);
cleanupOutdatedCaches();
// On the first visit, take control at once so the app works offline without a reload. Later
// versions wait for the user's "Reload" (skipWaiting below) before they activate.
clientsClaim();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL(SHELL), {
    denylist: [/^\/api\//, /^\/sync\//, /^\/healthz/, /^\/metrics/],
  }),
);

// The page asks for this when the user clicks "Update available — reload"; never on our own.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
