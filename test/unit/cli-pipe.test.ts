// `ai-preflight scan | head`: when the reader closes the pipe early the CLI stops quietly, no stack trace.
import * as assert from 'assert';
import { spawn } from 'child_process';
import { cliPath, fixturePath } from '../helpers';

describe('CLI output into a pipe that closes early', () => {
  it('exits without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [cliPath, 'fix', fixturePath('projects', 'llm-app'), '--dry-run'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Close our end after the first chunk, as `head -1` would.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Error:|at .*cli\.js/, stderr.slice(0, 300));
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
