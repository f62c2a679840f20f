// Activities: reading workout files (FIT, GPX, TCX, plain, gzipped or zipped, Strava and Garmin
// exports), the metrics they lack, matching one workout from several sources, totals, gear and
// the track drawing. Pure; runs in a Web Worker and in Node.
export * as archive from './archive.ts';
export * as fit from './fit.ts';
export * as formats from './formats.ts';
export * as garmin from './garmin.ts';
export * as gear from './gear.ts';
export * as geo from './geo.ts';
export * as gpx from './gpx.ts';
export * as hash from './hash.ts';
export * as importer from './importer.ts';
export * as list from './list.ts';
export * as matching from './matching.ts';
export * as metrics from './metrics.ts';
export * as parsed from './parsed.ts';
export * as sports from './sports.ts';
export * as strava from './strava.ts';
export * as tcx from './tcx.ts';
export * as times from './times.ts';
export * as totals from './totals.ts';
export * as track from './track.ts';
export * as xml from './xml.ts';
export { importFile, importFiles, importFolder, knownKeys } from './importer.ts';
export type {
  FolderFile,
  ImportOptions,
  ImportReport,
  ImportResult,
  Imported,
} from './importer.ts';
export type { ParsedActivity, FailureReason, ParseFailure } from './parsed.ts';
