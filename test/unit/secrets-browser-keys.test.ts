// Google Maps browser keys: the page that loads a map must carry its key (Google's docs put it in the script URL),
// so such a key is a warning to restrict it by referrer, not a leaked secret failing the check. The same key
// format anywhere else stays an error, and a key in an HTML comment is handled like any other (it is in the clone).
import * as assert from 'assert';
import { random, ALNUM } from './secrets-fakes.test';
import { checkOf, LLM_BASE, scanTree } from './engine-support.test';

const googleKey = () => `AIzaSy${random(ALNUM + '_-', 33)}`;

describe('Google Maps browser keys', () => {
  it('a Maps JavaScript loader key (even in a commented-out block) is a warning and the secrets check passes', async () => {
    const key = googleKey();
    const page = `<html><body>\n<!--\n<script src="https://maps.googleapis.com/maps/api/js?key=${key}&callback=initMap" async></script>\n-->\n</body></html>\n`;
    const result = await scanTree({ ...LLM_BASE, 'static/frontpage.html': page });
    const findings = result.findings.filter((f) => f.ruleId === 'hardcoded-secrets');
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].severity, 'warning');
    assert.match(findings[0].message, /restrict it by HTTP referrer/);
    assert.ok(!findings[0].message.includes(key) && !JSON.stringify(result).includes(key), 'the key is never printed in full');
    assert.strictEqual(findings[0].fix, undefined);
    assert.strictEqual(checkOf(result, 'hardcoded-secrets').status, 'pass');
  });

  it('the same key format in code stays an error', async () => {
    const key = googleKey();
    const result = await scanTree({ ...LLM_BASE, 'app/gemini.py': `GEMINI_KEY = "${key}"\n` });
    const findings = result.findings.filter((f) => f.ruleId === 'hardcoded-secrets');
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error']);
    assert.strictEqual(checkOf(result, 'hardcoded-secrets').status, 'fail');
  });
});
