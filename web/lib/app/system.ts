// The real clock and randomness, for the browser. The model never reads these itself.
import { ids } from '@tally/model';

export const now = (): number => Date.now();

/** Uniform in [0, 1) from the platform's CSPRNG (ids must not collide across devices). */
export function secureRandom(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return (buffer[0] ?? 0) / 4294967296;
}

export const systemIds = (): ids.Ids => ids.createIds({ now, random: secureRandom });

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function deviceLocale(): string {
  return typeof navigator === 'undefined' ? 'en-US' : navigator.language;
}
