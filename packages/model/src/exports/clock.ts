// Wall-clock readings of many instants in one zone, fast. dates.zonedParts asks Intl for every
// instant, which costs tens of microseconds; an export of 50 000 time entries needs a few hundred
// thousand readings. A zone's offset changes at most once on almost any day, so the offset is
// looked up once per UTC day (at its first and last millisecond) and the rest is arithmetic; a
// day on which the offset changes is read exactly, instant by instant.
import * as dates from '../dates.ts';

const DAY_MS = 86_400_000;
const MIXED = Number.NaN;

export interface WallClock {
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** ms since local midnight. */
  msOfDay: number;
  /** UTC offset in ms. */
  offset: number;
}

export interface ZoneClock {
  readonly zone: string;
  offset(at: number): number;
  read(at: number): WallClock;
  /** "2026-03-08T03:30:00-04:00". */
  iso(at: number): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function makeClock(zone: string): ZoneClock {
  const byDay = new Map<number, number>();
  const names = new Map<number, string>();
  const dateOf = (day: number): string => {
    let name = names.get(day);
    if (name === undefined) names.set(day, (name = dates.fromDayNumber(day)));
    return name;
  };
  const offset = (at: number): number => {
    const day = Math.floor(at / DAY_MS);
    let known = byDay.get(day);
    if (known === undefined) {
      const first = dates.offsetMs(day * DAY_MS, zone);
      const last = dates.offsetMs(day * DAY_MS + DAY_MS - 1, zone);
      known = first === last ? first : MIXED;
      byDay.set(day, known);
    }
    return Number.isNaN(known) ? dates.offsetMs(at, zone) : known;
  };
  const read = (at: number): WallClock => {
    const o = offset(at);
    const wall = at + o;
    const day = Math.floor(wall / DAY_MS);
    const msOfDay = wall - day * DAY_MS;
    const seconds = Math.floor(msOfDay / 1000);
    return {
      date: dateOf(day),
      hour: Math.floor(seconds / 3600),
      minute: Math.floor((seconds % 3600) / 60),
      second: seconds % 60,
      msOfDay,
      offset: o,
    };
  };
  return {
    zone,
    offset,
    read,
    iso(at) {
      const w = read(at);
      const minutes = Math.round(w.offset / 60_000);
      const abs = Math.abs(minutes);
      const sign = minutes < 0 ? '-' : '+';
      return `${w.date}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    },
  };
}

const clocks = new Map<string, ZoneClock>();

/** The clock of a zone (one per zone, kept: its cache of days is what makes it fast). */
export function clockFor(zone: string): ZoneClock {
  let c = clocks.get(zone);
  if (!c) clocks.set(zone, (c = makeClock(zone)));
  return c;
}
