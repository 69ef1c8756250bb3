// User globs and .gitignore lines run in linear time (safeGlob, gitignoreRules) with the meaning minimatch and
// the `ignore` package give them: differential tests against both, worst-case timings, brace counting.
import * as assert from 'assert';
import ignore from 'ignore';
import { braceExpand, Minimatch } from 'minimatch';
import { compileSafeGlob, countBraceAlternatives, MAX_GLOB_ALTERNATIVES } from '../../server/src/engine/rules/safeGlob';
import { parseGitignore } from '../../server/src/engine/workspace/gitignoreRules';
import { record } from './robust/util';

/** Small deterministic generator (mulberry32), so a failure replays. */
function rng(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const ATOMS = ['a', 'b', '.', 'x', '*', '?', '[ab]', '[a-c]', '{a,b}', '{x,}', '\\*', '-', 'A', '{1..3}', '1', '.git', '@(a|b)', '+(a)', '?(x)', '*(a|b)', '{a,{b,c}}', '(', ')', '|', '+', '$', '^', '#', '!'];
const NAMES = ['a', 'b', 'ab', '.a', 'a.b', 'x', 'xa', 'aa', '.git', '1', '2', 'A', 'a-b', '*', '(a)', 'a|b', '+', '$', '#', 'é', 'a b'];

describe('robustness: safe globs', () => {
  it('match exactly as minimatch does (rule globs: makeRe; ignore globs: match on rel or rel/)', () => {
    const r = rng(20261124);
    const pick = <T>(a: T[]) => a[r(a.length)];
    let compared = 0;
    for (let k = 0; k < 4000; k++) {
      const segs = Array.from({ length: 1 + r(3) }, () => (r(5) === 0 ? '**' : Array.from({ length: 1 + r(3) }, () => pick(ATOMS)).join('')));
      let glob = segs.join('/');
      const ignoreMode = k % 2 === 1;
      if (ignoreMode && r(8) === 0) glob = '!' + glob;
      const mm = new Minimatch(glob, ignoreMode ? { dot: true } : { dot: true, nocase: true, nocomment: true, nonegate: true });
      const re = ignoreMode ? undefined : mm.makeRe();
      if (!ignoreMode && !re) continue;
      const safe = compileSafeGlob(glob, ignoreMode ? { matchSemantics: true } : { nocase: true, nocomment: true, nonegate: true });
      const test = (s: string) => !safe.comment && safe.re.test(s) !== safe.negate;
      for (let j = 0; j < 25; j++) {
        const p = Array.from({ length: 1 + r(4) }, () => pick(NAMES)).join('/');
        const want = ignoreMode ? mm.match(p) || mm.match(p + '/') : (re as RegExp).test(p);
        const got = ignoreMode ? test(p) || test(p + '/') : test(p);
        assert.strictEqual(got, want, `${ignoreMode ? 'ignore' : 'rule'} glob ${JSON.stringify(glob)} vs ${JSON.stringify(p)} (regex ${safe.re.source})`);
        compared++;
      }
    }
    assert.ok(compared > 50_000, `${compared} comparisons`);
  });

  it('.gitignore lines match as the `ignore` package does on ordinary lines', () => {
    const lines = ['*.pyc', '__pycache__/', '/build', 'data/**', '!data/keep.csv', '**/logs', 'a/**/b', 'docs/*.md', '.env*', '!.env.example', 'x?z', '[Tt]emp/', 'node_modules', '*.egg-info/', '/dist/', 'cache*/', '\\#notes', 'out/**/*.json', 'Thumbs.db'];
    const paths = ['a.pyc', 'src/a.pyc', '__pycache__/', 'src/__pycache__/x.py', 'build', 'build/x', 'src/build', 'data/x.csv', 'data/keep.csv', 'logs/', 'x/logs/y', 'a/b', 'a/q/r/b', 'docs/a.md', 'docs/x/a.md', '.env', '.env.local', '.env.example', 'xyz', 'temp/', 'Temp/a', 'node_modules/x', 'pkg.egg-info/', 'dist/', 'src/dist/', 'cache1/', '#notes', 'out/a/b.json', 'out/b.json', 'thumbs.db', 'ok.py', 'src/ok.py'];
    const theirs = ignore({ allowRelativePaths: true }).add(lines.join('\n'));
    const ours = parseGitignore(lines.join('\n')).rules;
    for (const p of paths) {
      const want = theirs.test(p);
      assert.deepStrictEqual(ours.test(p), { ignored: want.ignored, unignored: want.unignored }, p);
    }
  });

  it('worst cases stay small: a 13-star glob against long names and deep paths (RE2, linear time)', () => {
    const star = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const name = 'b' + 'a'.repeat(254);
    const deep = (name + '/').repeat(15) + name;
    const cases: [string, string, string][] = [
      ['rule glob', star, name], ['rule glob, any depth', '**/' + star, deep], ['five globstars', '**/a/**/a/**/a/**/a/**/b', 'a/'.repeat(2000) + 'a'],
      ['nested extglob', '+(a|aa)+(a|aa)b', 'a'.repeat(255)],
    ];
    let worst = 0;
    for (const [what, glob, input] of cases) {
      const g = compileSafeGlob(glob, { nocase: true });
      assert.strictEqual(g.engine, 're2', what);
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 20; i++) assert.strictEqual(g.re.test(input), false);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6 / 20;
      worst = Math.max(worst, ms);
      console.log(`      ${what} (${input.length} chars): ${ms.toFixed(3)} ms per match`);
      assert.ok(ms < 50, `${what}: ${ms} ms per match`);
    }
    const gi = parseGitignore(`${star}\n**/${star}/**\n`).rules;
    const t0 = process.hrtime.bigint();
    assert.strictEqual(gi.test(deep).ignored, false);
    const giMs = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      .gitignore star lines on a ${deep.length}-char path (16 levels): ${giMs.toFixed(3)} ms`);
    record('safe glob worst case per match (13-star glob, 255-char name / 4k path)', `RE2, ${worst.toFixed(3)} ms`, worst);
    assert.ok(giMs < 200, `${giMs} ms`);
  });

  it('counts brace alternatives without expanding: bombs refused at once, ordinary braces exact', () => {
    const t0 = Date.now();
    for (const bomb of ['{a,b}'.repeat(18), '{a,b}'.repeat(200), '{1..100000}', '{a..z}{a..z}', '{{a,b},{c,d}}'.repeat(10)]) {
      assert.ok(countBraceAlternatives(bomb) > MAX_GLOB_ALTERNATIVES, bomb.slice(0, 30));
      assert.throws(() => compileSafeGlob(bomb), /alternatives/);
    }
    assert.ok(Date.now() - t0 < 100, `${Date.now() - t0} ms`);
    for (const g of ['*.{py,ts}', '{a,b}/{c,d,e}/x', 'x{1..9}', '{a,{b,c}}', 'a{,b}', '{x}', 'a\\{b,c}', '{a..e..2}', 'plain', '{a,b']) {
      assert.strictEqual(countBraceAlternatives(g), braceExpand(g).length, g);
    }
  });

  it('refuses a negated extglob (it needs lookahead) with a clear message', () => {
    assert.throws(() => compileSafeGlob('!(a|b).py', { nonegate: true }), /negated extglob/);
    assert.throws(() => compileSafeGlob('src/!(x).py'), /negated extglob/);
  });
});
