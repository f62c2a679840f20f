// Files from a drag and drop, including dropped folders (an unzipped Strava or Garmin export):
// folders are walked and only the files Tally can read are taken, with their paths, so the
// worker reads a folder's files together (the export's CSV names the workout files beside it).
export const ACCEPT = '.fit,.gpx,.tcx,.gz,.zip';
const READABLE = /\.(fit|gpx|tcx|gz|zip)$/i;
/** An export's side files: Strava's activities.csv, Garmin's activity summaries. */
const SIDE = /(^|\/)activities\.csv$|summarizedActivities\.json$/i;

/** Whether a file found inside a dropped folder is worth reading. */
export function isReadable(name: string): boolean {
  return READABLE.test(name) || SIDE.test(name);
}

export interface Dropped {
  files: File[];
  /** Each file's path from the dropped folder down ("export/activities/1.gpx"); '' when loose. */
  paths: string[];
}

export async function droppedFiles(data: DataTransfer): Promise<Dropped> {
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  // Browsers without entries (or a plain file list): take the files as dropped.
  if (entries.length === 0 || entries.every((e) => e.isFile)) {
    const files = [...data.files];
    return { files, paths: files.map(() => '') };
  }
  const out: Dropped = { files: [], paths: [] };
  for (const entry of entries) await walk(entry, out, true);
  return out;
}

/**
 * The files of a folder chosen with the folder picker, which gives each its path below the
 * folder's parent ("export_123/activities/1.gpx"): only those Tally can read are kept.
 */
export function pickedFolder(files: readonly File[]): Dropped {
  const readable = files.filter((f) => isReadable(f.name));
  return {
    files: readable,
    paths: readable.map((f) => (f.webkitRelativePath || '').replace(/^\/+/, '')),
  };
}

async function walk(entry: FileSystemEntry, out: Dropped, topLevel: boolean): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    // A file dropped on its own is always tried (its reader says why it is not a workout).
    if (topLevel || isReadable(file.name)) {
      out.files.push(file);
      out.paths.push(topLevel ? '' : entry.fullPath.replace(/^\/+/, ''));
    }
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

/**
 * What one read covers: a dropped file on its own, or every file of a dropped folder together
 * (an unzipped Strava or Garmin export, whose CSV or summaries name the files beside them).
 */
export interface ReadUnit {
  /** The dropped file's name, or the folder's. */
  name: string;
  files: { file: File; path: string }[];
  folder: boolean;
}

/** Groups the files by the folder they were dropped in, in the order they came. */
export function unitsOf(files: readonly File[], paths: readonly string[] | undefined): ReadUnit[] {
  const units: ReadUnit[] = [];
  const folders = new Map<string, ReadUnit>();
  for (const [index, file] of files.entries()) {
    const path = (paths?.[index] ?? '').replace(/^\/+/, '');
    const slash = path.indexOf('/');
    if (slash <= 0) {
      units.push({ name: file.name, files: [{ file, path: file.name }], folder: false });
      continue;
    }
    const name = path.slice(0, slash);
    let unit = folders.get(name);
    if (!unit) {
      unit = { name, files: [], folder: true };
      folders.set(name, unit);
      units.push(unit);
    }
    unit.files.push({ file, path: path.slice(slash + 1) });
  }
  return units;
}
