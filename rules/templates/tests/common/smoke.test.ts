// Smoke test for {{projectName}}: the entry point {{entryPoint}} exists and imports.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENTRY_POINT = join(__dirname, {{q entryFromTest}});

describe('smoke', () => {
  it('entry point exists', () => {
    expect(existsSync(ENTRY_POINT)).toBe(true);
  });

  it('entry point imports', async () => {
    {{dummyEnv}}
    await expect(import(ENTRY_POINT)).resolves.toBeDefined();
  });
});
