// Smoke test for {{projectName}}: the entry point {{entryPoint}} exists and, when it is JavaScript, parses.
// Run with: node --test (or your test runner, which picks up *.test.js).
'use strict';
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
{{testImports}}

const ENTRY_POINT = path.join(__dirname, {{q entryFromTest}});

test('entry point exists', () => {
  assert.ok(fs.statSync(ENTRY_POINT).isFile(), `missing entry point ${ENTRY_POINT}`);
});

test('entry point parses', () => {
  if (/\.([cm]?tsx?|jsx)$/.test(ENTRY_POINT)) return; // TypeScript and JSX are checked by their compiler, not by node --check
  const result = spawnSync(process.execPath, ['--check', ENTRY_POINT], { encoding: 'utf8' });
  assert.strictEqual(result.status, 0, result.stderr);
});
