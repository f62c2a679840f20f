// Timestamps as the XML formats write them. `Date.parse` reads a time with no zone as local
// time, which would make the same file import differently on two devices, so ISO 8601 is read
// here by hand: no zone means UTC, as GPX and TCX specify.

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface IsoTime {
  /** Epoch ms. */
  instant: number;
  /** Minutes east of UTC when the text carried a non-zero offset; absent for `Z` or none. */
  offsetMinutes?: number;
}

export function parseIso(text: string | undefined): IsoTime | undefined {
  if (text === undefined) return undefined;
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  if (!Number.isFinite(instant)) return undefined;
  return offsetMinutes === 0 ? { instant } : { instant, offsetMinutes };
}

/**
 * The fixed-offset IANA zone for a whole-hour offset: UTC+2 is `Etc/GMT-2` (the sign is
 * inverted, POSIX-style). It is right for the day of the workout, which is all totals need.
 * Offsets that are not whole hours (India, Nepal) have no such zone and give undefined.
 */
export function zoneForOffset(offsetMinutes: number | undefined): string | undefined {
  if (offsetMinutes === undefined || offsetMinutes === 0) return undefined;
  if (offsetMinutes % 60 !== 0) return undefined;
  const hours = offsetMinutes / 60;
  if (hours < -12 || hours > 14) return undefined;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
