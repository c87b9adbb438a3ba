/**
 * Fax ids: ULIDs (26 Crockford base-32 characters, 48-bit millisecond time then
 * 80 random bits). They sort by reception time as plain strings, are unique
 * without a central counter (a PostgreSQL store or a second process needs no
 * coordination), and are safe in file names (the archive names files by id).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FAX_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function freshRandom(): number[] {
  return [...randomBytes(16)].map((b) => b % 32);
}

/** Increments the random part so ids made in the same millisecond still sort in creation order. */
function incremented(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const d = next[i] ?? 0;
    if (d < 31) {
      next[i] = d + 1;
      return next;
    }
    next[i] = 0;
  }
  return freshRandom(); // 32^16 ids in one millisecond: not going to happen
}

/** A new fax id, monotonic within this process. */
export function newFaxId(now: Date = new Date()): string {
  const ms = Math.max(now.getTime(), lastTime);
  lastRandom = ms === lastTime ? incremented(lastRandom) : freshRandom();
  lastTime = ms;
  return encodeTime(ms) + lastRandom.map((d) => ALPHABET[d]).join('');
}
