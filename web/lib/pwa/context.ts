import { getContext, setContext } from 'svelte';
import type { Installer } from './install.svelte.ts';
import type { Updater } from './update.svelte.ts';

const KEY = Symbol('pwa');

export interface Pwa {
  updater: Updater;
  installer: Installer;
}

export function setPwa(pwa: Pwa): Pwa {
  return setContext(KEY, pwa);
}

export function getPwa(): Pwa {
  const pwa = getContext<Pwa | undefined>(KEY);
  if (!pwa) throw new Error('getPwa() outside the app layout');
  return pwa;
}
