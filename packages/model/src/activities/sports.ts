// Tally's sport names are FIT's, lower-case with underscores (running, cycling, swimming,
// walking, hiking, rowing, training, …), with an optional sub-sport (trail, treadmill,
// indoor_rowing, …). Every source's own vocabulary — FIT enums, TCX's three words, GPX's free
// text, Strava's and Garmin's activity types — is mapped onto them here, and sports are grouped
// into families so matching and totals can treat a treadmill run and a trail run alike.

export interface Sport {
  sport: string;
  subSport?: string;
}

export const families = [
  'running',
  'cycling',
  'swimming',
  'walking',
  'rowing',
  'paddling',
  'winter',
  'training',
  'other',
] as const;
export type Family = (typeof families)[number];

const familyOfSport: Record<string, Family> = {
  running: 'running',
  cycling: 'cycling',
  e_biking: 'cycling',
  swimming: 'swimming',
  walking: 'walking',
  hiking: 'walking',
  mountaineering: 'walking',
  rowing: 'rowing',
  paddling: 'paddling',
  kayaking: 'paddling',
  stand_up_paddleboarding: 'paddling',
  cross_country_skiing: 'winter',
  alpine_skiing: 'winter',
  snowboarding: 'winter',
  snowshoeing: 'winter',
  ice_skating: 'winter',
  training: 'training',
  fitness_equipment: 'training',
  hiit: 'training',
};

/** The family a sport belongs to; unknown sports are `other`. */
export function familyOf(sport: string): Family {
  return familyOfSport[sport] ?? 'other';
}

/**
 * Whether two sports could be the same workout recorded twice. `other` (a file that did not
 * say) goes with anything.
 */
export function compatible(a: string, b: string): boolean {
  return a === 'other' || b === 'other' || familyOf(a) === familyOf(b);
}

/** Sports whose distance means nothing or is not recorded (matching leans on time for them). */
export function usuallyWithoutDistance(sport: string): boolean {
  const family = familyOf(sport);
  return family === 'training' || family === 'swimming' || family === 'rowing';
}

/** "cross_country_skiing" → "Cross country skiing". */
export function label(sport: string): string {
  const words = sport.replaceAll('_', ' ').trim();
  return words.length === 0 ? 'Other' : words[0]!.toUpperCase() + words.slice(1);
}

// ---- FIT ----

const fitnessEquipment: Record<string, Sport> = {
  indoor_rowing: { sport: 'rowing', subSport: 'indoor_rowing' },
  treadmill: { sport: 'running', subSport: 'treadmill' },
  indoor_running: { sport: 'running', subSport: 'indoor_running' },
  indoor_cycling: { sport: 'cycling', subSport: 'indoor_cycling' },
  indoor_walking: { sport: 'walking', subSport: 'indoor_walking' },
  elliptical: { sport: 'training', subSport: 'elliptical' },
  stair_climbing: { sport: 'training', subSport: 'stair_climbing' },
};

/**
 * From FIT's `sport`/`sub_sport` as fit-file-parser names them. Numbers it could not name
 * become `other`; `generic` sub-sports are dropped.
 */
export function fromFit(sport: unknown, subSport?: unknown): Sport {
  const main = typeof sport === 'string' && sport.length > 0 ? snake(sport) : 'other';
  const sub =
    typeof subSport === 'string' && subSport !== 'generic' && subSport !== 'all'
      ? snake(subSport)
      : undefined;
  if (main === 'fitness_equipment') {
    return (sub !== undefined ? fitnessEquipment[sub] : undefined) ?? withSub('training', sub);
  }
  if (main === 'generic' || main === 'all') return withSub('other', sub);
  return withSub(main, sub);
}

// ---- Free text: GPX <type>, TCX Sport, Strava and Garmin activity types ----

const byName: Record<string, Sport> = {
  run: { sport: 'running' },
  running: { sport: 'running' },
  trailrun: { sport: 'running', subSport: 'trail' },
  trailrunning: { sport: 'running', subSport: 'trail' },
  virtualrun: { sport: 'running', subSport: 'virtual_activity' },
  treadmill: { sport: 'running', subSport: 'treadmill' },
  treadmillrunning: { sport: 'running', subSport: 'treadmill' },
  indoorrunning: { sport: 'running', subSport: 'indoor_running' },
  streetrunning: { sport: 'running', subSport: 'street' },
  trackrunning: { sport: 'running', subSport: 'track' },
  ride: { sport: 'cycling' },
  cycling: { sport: 'cycling' },
  biking: { sport: 'cycling' },
  bike: { sport: 'cycling' },
  roadbiking: { sport: 'cycling', subSport: 'road' },
  roadcycling: { sport: 'cycling', subSport: 'road' },
  mountainbikeride: { sport: 'cycling', subSport: 'mountain' },
  mountainbiking: { sport: 'cycling', subSport: 'mountain' },
  mtb: { sport: 'cycling', subSport: 'mountain' },
  gravelride: { sport: 'cycling', subSport: 'gravel_cycling' },
  gravelcycling: { sport: 'cycling', subSport: 'gravel_cycling' },
  virtualride: { sport: 'cycling', subSport: 'virtual_activity' },
  virtualcycling: { sport: 'cycling', subSport: 'virtual_activity' },
  indoorcycling: { sport: 'cycling', subSport: 'indoor_cycling' },
  spinning: { sport: 'cycling', subSport: 'spin' },
  handcycle: { sport: 'cycling', subSport: 'hand_cycling' },
  velomobile: { sport: 'cycling' },
  ebikeride: { sport: 'e_biking' },
  ebiking: { sport: 'e_biking' },
  ebike: { sport: 'e_biking' },
  emountainbikeride: { sport: 'e_biking', subSport: 'e_bike_mountain' },
  swim: { sport: 'swimming' },
  swimming: { sport: 'swimming' },
  lapswimming: { sport: 'swimming', subSport: 'lap_swimming' },
  poolswim: { sport: 'swimming', subSport: 'lap_swimming' },
  openwaterswimming: { sport: 'swimming', subSport: 'open_water' },
  walk: { sport: 'walking' },
  walking: { sport: 'walking' },
  hike: { sport: 'hiking' },
  hiking: { sport: 'hiking' },
  mountaineering: { sport: 'mountaineering' },
  rowing: { sport: 'rowing' },
  row: { sport: 'rowing' },
  indoorrowing: { sport: 'rowing', subSport: 'indoor_rowing' },
  canoe: { sport: 'paddling' },
  canoeing: { sport: 'paddling' },
  paddling: { sport: 'paddling' },
  kayak: { sport: 'kayaking' },
  kayaking: { sport: 'kayaking' },
  standuppaddling: { sport: 'stand_up_paddleboarding' },
  standuppaddleboarding: { sport: 'stand_up_paddleboarding' },
  surfing: { sport: 'surfing' },
  windsurf: { sport: 'windsurfing' },
  windsurfing: { sport: 'windsurfing' },
  kitesurf: { sport: 'kitesurfing' },
  kitesurfing: { sport: 'kitesurfing' },
  sail: { sport: 'sailing' },
  sailing: { sport: 'sailing' },
  alpineski: { sport: 'alpine_skiing' },
  alpineskiing: { sport: 'alpine_skiing' },
  resortskiing: { sport: 'alpine_skiing' },
  resortskiingsnowboarding: { sport: 'alpine_skiing' },
  backcountryski: { sport: 'alpine_skiing', subSport: 'backcountry' },
  backcountryskiing: { sport: 'alpine_skiing', subSport: 'backcountry' },
  nordicski: { sport: 'cross_country_skiing' },
  crosscountryskiing: { sport: 'cross_country_skiing' },
  rollerski: { sport: 'cross_country_skiing', subSport: 'roller_skiing' },
  snowboard: { sport: 'snowboarding' },
  snowboarding: { sport: 'snowboarding' },
  snowshoe: { sport: 'snowshoeing' },
  snowshoeing: { sport: 'snowshoeing' },
  iceskate: { sport: 'ice_skating' },
  iceskating: { sport: 'ice_skating' },
  inlineskate: { sport: 'inline_skating' },
  inlineskating: { sport: 'inline_skating' },
  weighttraining: { sport: 'training', subSport: 'strength_training' },
  strengthtraining: { sport: 'training', subSport: 'strength_training' },
  workout: { sport: 'training' },
  training: { sport: 'training' },
  crossfit: { sport: 'training', subSport: 'cardio_training' },
  cardio: { sport: 'training', subSport: 'cardio_training' },
  hiit: { sport: 'training', subSport: 'hiit' },
  yoga: { sport: 'training', subSport: 'yoga' },
  pilates: { sport: 'training', subSport: 'pilates' },
  elliptical: { sport: 'training', subSport: 'elliptical' },
  stairstepper: { sport: 'training', subSport: 'stair_climbing' },
  rockclimb: { sport: 'rock_climbing' },
  rockclimbing: { sport: 'rock_climbing' },
  golf: { sport: 'golf' },
  tennis: { sport: 'tennis' },
  soccer: { sport: 'soccer' },
  multisport: { sport: 'multisport' },
  transition: { sport: 'transition' },
  other: { sport: 'other' },
  generic: { sport: 'other' },
  // Strava's GPX exports once wrote numeric types.
  '1': { sport: 'cycling' },
  '9': { sport: 'running' },
};

/**
 * From a name in any source's vocabulary ("Run", "Virtual Ride", "E-Bike Ride", "lap_swimming",
 * "Biking"). A name we do not know is kept, in Tally's lower-case form, rather than lost.
 */
export function fromName(name: string | undefined): Sport {
  const raw = (name ?? '').trim();
  const key = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key.length === 0) return { sport: 'other' };
  const known = byName[key];
  if (known) return { ...known };
  const sport = snake(raw);
  return { sport: sport.length > 0 ? sport : 'other' };
}

function withSub(sport: string, subSport: string | undefined): Sport {
  return subSport ? { sport, subSport } : { sport };
}

function snake(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}
