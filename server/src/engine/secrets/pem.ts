// PEM private key blocks: a BEGIN line, a high-entropy base64 body and an END line. Placeholder
// bodies (`...`, `<your key>`, a few characters) are not keys.

import { shannonEntropy } from './entropy';

const HEADER = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const END_MARK = '-----END';
/** A 4096-bit RSA key is ~3.3 KB; raw notebook JSON roughly doubles it. */
const MAX_BODY = 20_000;
const MIN_BODY_CHARS = 64;

export interface PemHit { start: number; end: number; header: string; }

export function findPrivateKeys(text: string): PemHit[] {
  const out: PemHit[] = [];
  let nextEnd = -2; // cached position of the next END marker (monotonic: keeps the scan linear)
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m !== null; m = HEADER.exec(text)) {
    const bodyStart = m.index + m[0].length;
    if (nextEnd !== -1 && nextEnd < bodyStart) nextEnd = text.indexOf(END_MARK, bodyStart);
    if (nextEnd === -1) break;
    if (nextEnd - bodyStart > MAX_BODY) continue;
    const body = text.slice(bodyStart, nextEnd);
    if (!isKeyBody(body)) continue;
    const close = text.indexOf('-----', nextEnd + END_MARK.length);
    const end = close !== -1 && close - nextEnd < 60 ? close + 5 : nextEnd + END_MARK.length;
    out.push({ start: m.index, end, header: m[0] });
    HEADER.lastIndex = end;
  }
  return out;
}

function isKeyBody(body: string): boolean {
  if (body.includes('...') || body.includes('\u2026') || body.includes('<') || /your|example|placeholder|redacted/i.test(body)) return false;
  // Drop JSON/notebook line escapes and header fields (Proc-Type:, DEK-Info:) before measuring.
  const b64 = body
    .replace(/\\[nr]/g, '\n')
    .split(/[\r\n]+/)
    .filter((l) => !/^[\s"]*[A-Za-z-]+: /.test(l))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
  return b64.length >= MIN_BODY_CHARS && shannonEntropy(b64) >= 4.5;
}
