// The build's parsed-rules snapshot (dist/rules-snapshot.json) must say exactly what the YAML says, or the
// bundled CLI and server would run different rules than the sources.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers';
import { Minimatch } from 'minimatch';
import { sha1 } from '../../server/src/engine/rules/rulesData';
import { GLOB_OPTIONS } from '../../server/src/engine/rules/checkDef';
import { requiredLiterals } from '../../server/src/engine/rules/requiredLiterals';

describe('rules snapshot (dist/rules-snapshot.json)', () => {
  const snapshotPath = path.join(repoRoot, 'dist', 'rules-snapshot.json');
  const snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as {
    version: number;
    files: Record<string, { sha1: string; data: unknown; validated: boolean }>;
    globs: Record<string, { source: string; flags: string; alternatives: number }>;
    literals?: Record<string, string[][] | null>;
  };
  const rulesYaml = [
    ...fs.readdirSync(path.join(repoRoot, 'rules')).filter((f) => f.endsWith('.yaml')),
    ...fs.readdirSync(path.join(repoRoot, 'rules', 'checks')).filter((f) => f.endsWith('.yaml')).map((f) => `checks/${f}`),
  ];

  it('covers every rules YAML file, with its current hash and parsed content', () => {
    assert.equal(snapshot.version, 1);
    assert.deepEqual(Object.keys(snapshot.files).sort(), [...rulesYaml].sort());
    for (const rel of rulesYaml) {
      const text = fs.readFileSync(path.join(repoRoot, 'rules', rel), 'utf8');
      assert.equal(snapshot.files[rel].sha1, sha1(text), `${rel}: snapshot is stale (run npm run build)`);
      assert.deepEqual(snapshot.files[rel].data, parse(text), rel);
    }
  });

  it('marks only check definitions as schema-validated', () => {
    for (const [rel, entry] of Object.entries(snapshot.files)) {
      assert.equal(entry.validated, rel.startsWith('checks/') && rel !== 'checks/index.yaml', rel);
    }
  });

  it('holds every check glob compiled exactly as minimatch compiles it at run time', () => {
    const globs = new Set<string>();
    const collect = (node: unknown, key?: string): void => {
      if (Array.isArray(node)) node.forEach((v) => collect(v, key));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, k);
      else if ((key === 'file' || key === 'exclude') && node != null) globs.add(String(node).replace(/^\.\//, ''));
    };
    for (const rel of rulesYaml.filter((r) => r.startsWith('checks/'))) collect(parse(fs.readFileSync(path.join(repoRoot, 'rules', rel), 'utf8')));
    assert.ok(globs.size > 100, `only ${globs.size} globs found in the check files`);
    assert.deepEqual(Object.keys(snapshot.globs).sort(), [...globs].sort());
    for (const glob of globs) {
      const mm = new Minimatch(glob, GLOB_OPTIONS);
      const re = mm.makeRe() as RegExp;
      assert.deepEqual(snapshot.globs[glob], { source: re.source, flags: re.flags, alternatives: mm.set.length }, glob);
    }
  });

  it('holds the literal filters the patterns get at run time, for the built-in patterns and globs', () => {
    // Here (tsc output, no snapshot beside the module) requiredLiterals analyses every pattern afresh.
    const literals = snapshot.literals ?? {};
    assert.ok(Object.keys(literals).length > 250, `only ${Object.keys(literals).length} prebuilt filters`);
    for (const [key, clauses] of Object.entries(literals)) {
      const slash = key.indexOf('/');
      const filter = requiredLiterals(key.slice(slash + 1), key.slice(0, slash));
      assert.deepEqual(filter ? filter.clauses : null, clauses, key.slice(0, 120));
    }
    // The check globs' regexes are among them: at run time compileGlob takes them from the snapshot (without
    // one, as here, it compiles them with safeGlob, whose regexes differ in form).
    const globs = Object.values(snapshot.globs);
    const prebuilt = globs.filter((re) => `${re.flags}/${re.source}` in literals).length;
    assert.equal(prebuilt, globs.length, `${globs.length - prebuilt} check globs without a prebuilt filter`);
  });
});
