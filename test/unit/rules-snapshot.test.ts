// The build's parsed-rules snapshot (dist/rules-snapshot.json) must say exactly what the YAML says, or the
// bundled CLI and server would run different rules than the sources.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers';
import { sha1 } from '../../server/src/engine/rules/rulesData';

describe('rules snapshot (dist/rules-snapshot.json)', () => {
  const snapshotPath = path.join(repoRoot, 'dist', 'rules-snapshot.json');
  const snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as { version: number; files: Record<string, { sha1: string; data: unknown; validated: boolean }> };
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
});
