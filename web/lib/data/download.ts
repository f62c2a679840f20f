// Saving a file made in memory to the device: nothing goes over the network.
import { dates } from '@tally/model';

export function download(fileName: string, bytes: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "tally-backup-2026-11-22.json": the date on the user's calendar. */
export function datedName(stem: string, extension: string, now: number, zone: string): string {
  return `${stem}-${dates.localDate(now, zone)}.${extension}`;
}
