// Notebook outputs that are pictures or documents (`image/png`, `application/pdf`, ...) are base64 data:
// no one pastes a key into them, and megabytes of random-looking text only cost time and invite look-alike
// matches. They are blanked before the secrets scan, keeping every offset and line break, so findings in
// the rest of the notebook (code, text and HTML outputs) keep their exact positions.

const BINARY_OUTPUT_KEY = /"(?:image\/(?:png|jpeg|gif|webp|bmp|tiff)|application\/pdf)"\s*:\s*/g;

/** The raw notebook JSON with the values of binary outputs replaced by spaces (line breaks kept). */
export function blankBinaryOutputs(raw: string): string {
  let out = '';
  let from = 0;
  BINARY_OUTPUT_KEY.lastIndex = 0;
  for (let m = BINARY_OUTPUT_KEY.exec(raw); m; m = BINARY_OUTPUT_KEY.exec(raw)) {
    const start = BINARY_OUTPUT_KEY.lastIndex;
    const end = endOfValue(raw, start);
    if (end <= start) continue;
    const value = raw.slice(start, end);
    out += raw.slice(from, start) + (value.includes('\n') ? value.replace(/[^\n]/g, ' ') : ' '.repeat(value.length));
    from = end;
    BINARY_OUTPUT_KEY.lastIndex = end;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** End of the JSON string, or array of strings, starting at `i`; `i` itself when it is neither. */
function endOfValue(raw: string, i: number): number {
  if (raw[i] === '"') return endOfString(raw, i);
  if (raw[i] !== '[') return i;
  let j = i + 1;
  for (;;) {
    while (j < raw.length && /[\s,]/.test(raw[j])) j++;
    if (raw[j] === ']') return j + 1;
    if (raw[j] !== '"') return i; // not an array of strings: leave it alone
    const end = endOfString(raw, j);
    if (end <= j) return i;
    j = end;
  }
}

function endOfString(raw: string, q: number): number {
  for (let j = q + 1; j < raw.length; j++) {
    const c = raw.charCodeAt(j);
    if (c === 92) j++; // backslash: skip the escaped character
    else if (c === 34) return j + 1;
    else if (c === 10) return q; // a raw line break: not a JSON string
  }
  return q;
}
