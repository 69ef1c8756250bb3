// Evidence order: the project's own files first, then examples, then coding-agent and CI helper folders, so a
// reviewer clicking the first citation lands on the project's code.
import * as assert from 'assert';
import { evidenceRank } from '../../server/src/engine/rules/evaluate';
import { checkOf, LLM_BASE, scanTree } from './engine-support.test';

const TEST_FILE = 'def test_it():\n    assert reply_len("hi") == 2\n';

describe('evidence ranking', () => {
  it('ranks tooling folders last and examples after the project', () => {
    assert.strictEqual(evidenceRank('tests/test_bot.py'), 0);
    assert.strictEqual(evidenceRank('examples/hitl/approve.py'), 1);
    assert.strictEqual(evidenceRank('.agents/skills/review/scripts/test_protocol.py'), 2);
    assert.strictEqual(evidenceRank('.github/scripts/test_spend_report.py'), 2);
    assert.strictEqual(evidenceRank('.claude/hooks/check.py'), 2);
    assert.strictEqual(evidenceRank('.github/workflows/ci.yml'), 0);
  });

  it('tests: cites the project tests before an agent skill and CI helper scripts (listed first)', async () => {
    const tooling: Record<string, string> = {};
    for (let i = 0; i < 6; i++) tooling[`.agents/skills/review${i}/scripts/test_protocol.py`] = TEST_FILE;
    const result = await scanTree({ ...LLM_BASE, ...tooling, '.github/scripts/test_spend_report.py': TEST_FILE, 'tests/test_bot.py': TEST_FILE });
    const c = checkOf(result, 'tests');
    assert.strictEqual(c.status, 'pass');
    assert.strictEqual(c.evidence[0]?.file, 'tests/test_bot.py', c.evidence.map((e) => e.file).join(', '));
  });

  it('human-fallback: cites the project code before an example', async () => {
    const approval = 'def run(tool):\n    return tool.call(require_approval=True)\n';
    const result = await scanTree({ ...LLM_BASE, 'examples/approve.py': approval, 'src/tools.py': approval });
    const c = checkOf(result, 'human-fallback');
    assert.deepStrictEqual(c.evidence.map((e) => e.file), ['src/tools.py', 'examples/approve.py']);
  });
});
