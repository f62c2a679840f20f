import { getContext, setContext } from 'svelte';
import type { App } from './app.svelte.ts';

const KEY = Symbol('app');

export function setApp(app: App): App {
  return setContext(KEY, app);
}

export function getApp(): App {
  const app = getContext<App | undefined>(KEY);
  if (!app) throw new Error('getApp() outside the app layout');
  return app;
}
