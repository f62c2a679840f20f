// Files from a drag and drop, including dropped folders (an unzipped Strava or Garmin export):
// folders are walked and only the files Tally can read are taken.
export const ACCEPT = '.fit,.gpx,.tcx,.gz,.zip';
const READABLE = /\.(fit|gpx|tcx|gz|zip)$/i;

/** Whether a file found inside a dropped folder is worth reading. */
export function isReadable(name: string): boolean {
  return READABLE.test(name);
}

export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  // Browsers without entries (or a plain file list): take the files as dropped.
  if (entries.length === 0 || entries.every((e) => e.isFile)) return [...data.files];
  const out: File[] = [];
  for (const entry of entries) await walk(entry, out, true);
  return out;
}

async function walk(entry: FileSystemEntry, out: File[], topLevel: boolean): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    // A file dropped on its own is always tried (its reader says why it is not a workout).
    if (topLevel || isReadable(file.name)) out.push(file);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    // readEntries returns a hundred or so at a time, until an empty batch.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out, false);
  }
}
