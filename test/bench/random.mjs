// Seeded randomness for the benchmark tree: the same seed always gives the same repository.
// mulberry32 is tiny, fast and good enough for picking words; it is not for anything secret.

export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chars = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
    return s;
  };
  /** Random bytes, 4 at a time (binary files and base64 notebook images). */
  const bytes = (n) => {
    const buf = Buffer.allocUnsafe(n + 4);
    for (let i = 0; i < n; i += 4) buf.writeUInt32LE((next() * 4294967296) >>> 0, i);
    return buf.subarray(0, n);
  };
  return { next, int, pick, chars, bytes, between: (lo, hi) => lo + int(hi - lo + 1) };
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const URLSAFE = ALNUM + '_-';
export const BASE32 = UPPER + '234567';
