// Record ids for imported transactions, derived rather than random, so that two devices that
// import the same file while offline create the same records (which then merge) instead of
// twins. A ULID: the time part is the transaction's date (midnight UTC, which also files it in
// that year's document), the 80 "random" bits come from a hash of the dedupe key.
import { encodeTime } from 'ulid';
import * as dates from '../dates.ts';
import { hashBits } from './hash.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DAY_MS = 86_400_000;

/** The id of the imported transaction with this dedupe key (see fingerprint.ts). */
export function derivedId(date: dates.CalendarDate, key: string): string {
  // Dates before 1970 cannot be a ULID time; they all share time 0 and stay distinct by hash.
  const time = Math.max(0, dates.toDayNumber(date) * DAY_MS);
  let bits = hashBits(key, 80);
  let random = '';
  for (let i = 0; i < 16; i++) {
    random = (CROCKFORD[Number(bits & 31n)] ?? '0') + random;
    bits >>= 5n;
  }
  return encodeTime(time, 10) + random;
}
