// Character statistics used as entropy floors: a real key is random, a placeholder or a word is not.

/** Shannon entropy in bits per character of the string's own character distribution. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export interface CharClasses { lower: boolean; upper: boolean; digit: boolean; symbol: boolean; }

export function charClasses(s: string): CharClasses {
  const out: CharClasses = { lower: false, upper: false, digit: false, symbol: false };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out.lower = true;
    else if (c >= 65 && c <= 90) out.upper = true;
    else if (c >= 48 && c <= 57) out.digit = true;
    else out.symbol = true;
  }
  return out;
}

/** Count of upper- and lower-case ASCII letters (random letter keys mix both evenly; identifiers do not). */
export function caseCounts(s: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return { upper, lower };
}

/** Length of the longest run of one repeated character. */
export function longestRun(s: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    run = i > 0 && s[i] === s[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}
