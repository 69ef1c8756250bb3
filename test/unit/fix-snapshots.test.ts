// Snapshots of the rendered scaffolds for two fixtures (issue 5): every file `ai-preflight fix` would write, in
// plan order, compared byte for byte with test/fixtures/snapshots/<fixture>.snap. Templates change on purpose;
// regenerate with UPDATE_SNAPSHOTS=1 and review the diff. Git is off (no committer names) and anything that
// varies between runs (dates, the temp folder, the tool version) is normalised.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixableChecks, planFix } from '../../server/src/engine/fixes';
import { scan } from '../../server/src/engine/scan';
import { VERSION } from '../../server/src/engine/version';
import { fixturePath, makeTempDir } from '../helpers';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** Dates a template could stamp today (UTC and local, a day either side for runs across midnight). */
function todays(): string[] {
  const out = new Set<string>();
  for (const delta of [-1, 0, 1]) {
    const d = new Date(Date.now() + delta * 86_400_000);
    out.add(d.toISOString().slice(0, 10));
    out.add(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  }
  return [...out];
}

/** Only what varies between runs: dated model ids and a contract's own version are facts and stay. */
function normalise(text: string, root: string): string {
  let out = text.split(root).join('<ROOT>');
  for (const day of todays()) out = out.split(day).join('<TODAY>');
  return out.replace(new RegExp(`(ai-preflight[@ v]+)${VERSION.replace(/\./g, '\\.')}\\b`, 'g'), '$1<VERSION>');
}

async function render(fixture: string): Promise<string> {
  // A folder named as the fixture: a project without a manifest name is named after its folder.
  const root = path.join(makeTempDir('aipf-snap-'), fixture);
  fs.cpSync(fixturePath('projects', fixture), root, { recursive: true });
  const result = await scan({ root });
  const out = [`# Scaffolds planned for test/fixtures/projects/${fixture} (regenerate: UPDATE_SNAPSHOTS=1)\n`];
  const reserved = new Set<string>();
  for (const project of result.projects.filter((p) => p.isAiProject)) {
    for (const check of project.checks.filter((c) => c.status === 'fail' && fixableChecks().includes(c.id))) {
      const plan = await planFix({ scanRoot: root, project, allowGit: false, reserved }, check.id);
      for (const f of plan.files) {
        reserved.add(f.path);
        out.push(`===== ${f.checkId}: ${f.path}${f.append ? ' (added at the end)' : ''} =====\n${normalise(f.content, root)}${f.content.endsWith('\n') ? '' : '\n[no newline at end]\n'}`);
      }
    }
  }
  return out.join('');
}

describe('scaffold snapshots (UPDATE_SNAPSHOTS=1 rewrites them)', function () {
  this.timeout(60_000);
  for (const fixture of ['llm-app', 'classic-ml']) {
    it(`${fixture}: the rendered scaffolds equal the stored snapshot`, async () => {
      const file = fixturePath('snapshots', `${fixture}.snap`);
      const actual = await render(fixture);
      assert.strictEqual(await render(fixture), actual, 'rendering is stable between runs');
      if (UPDATE) {
        fs.mkdirSync(fixturePath('snapshots'), { recursive: true });
        fs.writeFileSync(file, actual);
      }
      assert.ok(fs.existsSync(file), `no snapshot ${file}: run with UPDATE_SNAPSHOTS=1 to write it`);
      assert.strictEqual(actual, fs.readFileSync(file, 'utf8'), `differs from ${file}; if the template change is intended, rerun with UPDATE_SNAPSHOTS=1`);
    });
  }
});
