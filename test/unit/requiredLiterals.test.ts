// The literal pre-filter must never hide a match: whenever a pattern matches a text, the filter lets the
// text through. Checked on hand-picked patterns, on every built-in rule pattern over every fixture text,
// and on random patterns over random texts.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { mayMatch, mayMatchShort, requiredLiterals } from '../../server/src/engine/rules/requiredLiterals';
import { compileGlob } from '../../server/src/engine/rules/checkDef';
import { loadBuiltinChecks } from '../../server/src/engine/rules/loadChecks';
import type { Matcher } from '../../server/src/engine/rules/checkDef';
import { builtinContentMatchers } from '../../server/src/engine/rules/loadChecks';
import { fixturePath } from '../helpers';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

function assertSound(source: string, flags: string, text: string): void {
  const re = new RegExp(source, flags);
  if (re.test(text)) assert.ok(mayMatch(requiredLiterals(source, flags), text), `/${source}/${flags} matches ${JSON.stringify(text.slice(0, 200))} but the filter rejected it`);
}

function fixtureTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && fs.statSync(abs).size < 200_000) out.push(fs.readFileSync(abs, 'utf8'));
    }
  };
  walk(fixturePath());
  return out;
}

describe('required literals (regex pre-filter)', () => {
  it('finds the literals every match needs', () => {
    const clauses = (source: string, flags: string) => requiredLiterals(source, flags)?.clauses.map((c) => [...c].sort());
    assert.deepStrictEqual(clauses(String.raw`(?<![\w])(from_pretrained|pipeline)\s*\(`, 'g'), [['from_pretrained', 'pipeline']]);
    // a sequence needs each part: one of the three words, and "pii"
    assert.deepStrictEqual(clauses(String.raw`\b(redact|anonymi[sz]e|mask)_?pii\b`, 'gim'), [['anonymi', 'mask', 'redact'], ['pii']]);
    // a literal holding another of its clause adds nothing: any text with DefaultModelMonitor has ModelMonitor
    assert.deepStrictEqual(clauses('ModelMonitor|DefaultModelMonitor', 'gim'), [['modelmonitor']]);
    // alternatives needing a word in different places still need it: "pii" beside one of the other words
    assert.deepStrictEqual(clauses(String.raw`\b(redact|anonymi[sz]e|mask)_?pii\b|\bpii_(redact|filter|detect)`, 'gim'),
      [['anonymi', 'mask', 'pii_', 'redact'], ['anonymi', 'detect', 'filter', 'mask', 'redact'], ['pii']]);
    assert.deepStrictEqual(clauses(String.raw`ab\s+evidently_report`, 'g'), [['evidently_report']]);
    // what every alternative needs is what the whole needs
    assert.deepStrictEqual(clauses(String.raw`^[ \t]*(import[ \t]+httpx\b|from[ \t]+httpx\b)`, 'm'), [['httpx']]);
    const both = requiredLiterals(String.raw`import[ \t]+httpx`, 'g');
    assert.ok(!mayMatch(both, 'import requests\nx = "httpx"'.replace('httpx', 'http')));
    assert.ok(mayMatch(both, 'import httpx'));
  });

  it('gives no filter where a match can avoid every literal', () => {
    for (const [source, flags] of [
      ['a|bcd', 'g'], // one alternative is too short
      ['(?:foo)?bar?', 'g'], // optional parts and a two-letter run
      ['x.*y', 'g'],
      ['[A-Z]{20}', 'g'],
      ['(?:evidently)*', 'g'],
      ['(?<=prefix)x', 'g'], // look-behinds match nothing of their own
      ['strasse', 'giu'], // unicode case folding: ſ matches s
      ['(', 'g'], // does not parse
    ] as const) {
      assert.strictEqual(requiredLiterals(source, flags), undefined, `/${source}/${flags}`);
    }
  });

  it('ignores case as the pattern does', () => {
    const f = requiredLiterals('OpenAI', 'gi');
    assert.ok(mayMatch(f, 'client = OPENAI()'));
    assert.ok(!mayMatch(f, 'client = Anthropic()'));
    // case-sensitive literals are looked up case-folded too: a weaker filter, never a wrong one
    const strict = requiredLiterals('OpenAI', 'g');
    assert.ok(!mayMatch(strict, 'client = Anthropic()'));
    assertSound('OpenAI', 'g', 'x = OpenAI()');
    assertSound('OpenAI', 'gi', 'x = oPeNaI');
    // non-unicode case folding never maps K (Kelvin) or ſ onto ASCII, so neither can hide a match
    assertSound('kelvin', 'gi', '\u212Aelvin');
    assertSound('sso', 'gi', '\u017Fso');
  });

  it('never rejects a text a built-in rule pattern matches (every fixture file)', () => {
    const texts = fixtureTexts();
    assert.ok(texts.length > 50, 'fixtures found');
    let checked = 0;
    for (const m of builtinContentMatchers().values()) {
      for (const p of [...m.contains, ...m.containsAny, ...m.notContains]) {
        for (const text of texts) assertSound(p.source, 'gim', text);
        checked++;
      }
    }
    assert.ok(checked > 20, `built-in patterns checked: ${checked}`);
  });

  it('never rejects a path a built-in glob matches', () => {
    const globs = new Set<string>();
    const walk = (m: Matcher | undefined) => {
      if (m?.kind === 'file') for (const g of [...m.globs, ...m.exclude]) globs.add(g.source);
      if (m?.kind === 'any' || m?.kind === 'all') m.items.forEach(walk);
    };
    for (const def of loadBuiltinChecks()) [def.present, def.violation, def.incomplete].forEach(walk);
    assert.ok(globs.size > 50, `globs: ${globs.size}`);
    // Paths a glob matches, made from the glob itself (wildcards filled in, case varied), plus fixture paths.
    const paths: string[] = [];
    for (const source of globs) {
      for (const fill of ['', 'x', 'Deep/Er']) {
        const p = source.replace(/\{([^}]*)\}/g, (_, alts: string) => alts.split(',')[0]).replace(/\*\*\//g, fill ? `${fill}/` : '').replace(/\*/g, fill.replace('/', '')).replace(/\?/g, 'q');
        paths.push(p, p.toUpperCase(), `Pkg/${p}`);
      }
    }
    let matched = 0;
    for (const source of globs) {
      const g = compileGlob(source);
      for (const p of paths) {
        if (!g.re.test(p)) continue;
        matched++;
        assert.ok(mayMatchShort(g.literals, p.toLowerCase()), `${source} matches ${p} but its literals ${JSON.stringify(g.literals?.clauses)} rejected it`);
      }
    }
    assert.ok(matched > globs.size, `glob matches checked: ${matched}`);
  });

  it('never rejects a text a random pattern matches', () => {
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'ab', 'abc', 'key', 'Key', 'x_y', '\\.', '\\(', '.', '\\s', '\\w', '\\d', '[a-c]', '[^a]', '\\b', '^', '$'),
      fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'K', 'e', 'y'), minLength: 1, maxLength: 6 }),
    );
    const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
      p: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => `(?:${a}|${b})`),
        fc.tuple(tie('p'), fc.constantFrom('?', '*', '+', '{2}', '{0,2}', '{1,3}')).map(([a, q]) => `(?:${a})${q}`),
        tie('p').map((a) => `(${a})`),
        fc.tuple(fc.constantFrom('(?<!', '(?<=', '(?=', '(?!'), tie('p')).map(([look, a]) => `${look}${a})`),
      ),
    })).p;
    // Texts from the patterns' own vocabulary (and case variants), so that many of them match.
    const piece = fc.constantFrom('a', 'b', 'c', 'A', 'B', 'C', 'ab', 'abc', 'ABC', 'key', 'KEY', 'Key', 'x_y', 'k', 'K', 'e', 'y', '_', '.', '(', ' ', '\n', '\u212A', '7');
    const text = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, fc.constantFrom('g', 'gi', 'gm', 'gim'), fc.array(text, { minLength: 1, maxLength: 8 }), (source, flags, texts) => {
        for (const t of texts) assertSound(source, flags, t);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
