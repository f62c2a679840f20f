// Words for the page: what a job is doing, in a sentence.
import type { Progress } from './protocol.ts';

export function progressText(p: Progress): string {
  switch (p.stage) {
    case 'reading':
      return p.label ? `Reading ${p.label.toLowerCase()}…` : 'Reading your data…';
    case 'building':
      return `Preparing rows: ${p.done} of ${p.total}${p.label ? ` (${p.label.toLowerCase()})` : ''}`;
    case 'writing':
      return 'Writing the file…';
    case 'encrypting':
      return 'Encrypting — making the key takes a few seconds, on purpose…';
    case 'decrypting':
      return 'Unlocking with the passphrase — this takes a few seconds…';
    case 'checking':
      return 'Checking the backup…';
  }
}

/** Whether the bar can show how far along it is (a key derivation cannot). */
export function measurable(p: Progress): boolean {
  return p.total > 1 && p.stage !== 'encrypting' && p.stage !== 'decrypting';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
