// Which reader a file needs, from its first bytes rather than its name: Strava exports name
// gzipped files `.fit.gz`, people rename files, and a `.gpx` that is really a TCX should still
// import. The name only breaks ties and words the error.
import { err, ok, type Result } from '../result.ts';
import * as fit from './fit.ts';
import * as gpx from './gpx.ts';
import { failure, type ParseFailure, type ParseOptions, type ParsedActivity } from './parsed.ts';
import * as tcx from './tcx.ts';
import * as xml from './xml.ts';

export type Format = 'fit' | 'gpx' | 'tcx' | 'gzip' | 'zip' | 'csv' | 'json' | 'xml' | 'unknown';
export type ActivityFormat = 'fit' | 'gpx' | 'tcx';

export function detect(bytes: Uint8Array, name = ''): Format {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05))
    return 'zip';
  if (fit.isFit(bytes)) return 'fit';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  if (/<(?:[\w-]+:)?gpx[\s>/]/.test(head)) return 'gpx';
  if (/<(?:[\w-]+:)?TrainingCenterDatabase[\s>/]/.test(head)) return 'tcx';
  if (/^\s*(?:\uFEFF|ï»¿)?\s*</.test(head)) return 'xml';
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return 'unknown';
}

/** The file name without compression suffixes: `activities/1.fit.gz` → `activities/1.fit`. */
export function stripCompression(name: string): string {
  return name.replace(/\.(gz|gzip)$/i, '');
}

/** Reads one activity file (already decompressed) into its workouts. */
export function parseActivityFile(
  bytes: Uint8Array,
  name: string,
  options: ParseOptions = {},
): Result<{ format: ActivityFormat; activities: ParsedActivity[] }, ParseFailure> {
  const format = detect(bytes, name);
  const extension = /\.([a-z0-9]+)$/i.exec(stripCompression(name))?.[1]?.toLowerCase();
  const wrap = (
    f: ActivityFormat,
    r: Result<ParsedActivity[], ParseFailure>,
  ): Result<{ format: ActivityFormat; activities: ParsedActivity[] }, ParseFailure> =>
    r.ok ? ok({ format: f, activities: r.value }) : r;
  switch (format) {
    case 'fit':
      return wrap('fit', fit.parseFit(bytes, options));
    case 'gpx':
      return wrap('gpx', gpx.parseGpx(xml.decode(bytes), options));
    case 'tcx':
      return wrap('tcx', tcx.parseTcx(xml.decode(bytes), options));
    default:
      break;
  }
  if (bytes.length === 0) return err(failure('no-points', `"${name}" is empty.`));
  if (extension === 'fit') {
    return err(failure('corrupt', `"${name}" is named .fit but does not start like a FIT file.`));
  }
  if (extension === 'gpx' || extension === 'tcx') {
    return err(
      failure(
        format === 'xml' ? 'unsupported' : 'corrupt',
        `"${name}" is named .${extension} but its content is not ${extension.toUpperCase()}.`,
      ),
    );
  }
  return err(
    failure(
      'unsupported',
      `"${name}" is not an activity file Tally reads (FIT, GPX or TCX, plain or .gz).`,
    ),
  );
}
