// Bundles the entry points with esbuild; type-checks with tsc first unless --no-check.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const check = !process.argv.includes('--no-check');
if (check) execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit'], { stdio: 'inherit' });

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', minify: false };
const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Worker threads of big scans; the CLI and server bundles load it from beside themselves.
  { entryPoints: ['server/src/engine/analysis/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
];
for (const e of entries) {
  if (!existsSync(e.entryPoints[0])) { console.warn(`build: skipping missing ${e.entryPoints[0]}`); continue; }
  await build({ ...common, ...e });
  // The package's bins must be executable on their own: npm only marks them when it links them, and
  // `npx ai-preflight` in a fresh clone can reuse an earlier link (npx cache) without doing so again.
  if (e.banner) (await import('node:fs')).chmodSync(e.outfile, 0o755);
}

// Parser files for the code-level rules: the web-tree-sitter runtime and the grammars, which the
// bundles load from dist/wasm/ (keep in step with WASM_FILES in server/src/engine/code/parsers.ts).
{
  const { createRequire } = await import('node:module');
  const { copyFileSync, mkdirSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  mkdirSync('dist/wasm', { recursive: true });
  const wasm = {
    'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
    ...Object.fromEntries(['python', 'javascript', 'typescript', 'tsx'].map((l) => [`tree-sitter-${l}.wasm`, `tree-sitter-wasms/out/tree-sitter-${l}.wasm`])),
  };
  for (const [file, from] of Object.entries(wasm)) copyFileSync(require.resolve(from), `dist/wasm/${file}`);
}

// Built-in rules parsed once here (rules/*.yaml → dist/rules-snapshot.json, checks validated against their
// schema), so a CLI start skips YAML parsing and the schema compile; see server/src/engine/rules/rulesData.ts.
{
  const { readFileSync, readdirSync, writeFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { parse } = await import('yaml');
  const { default: Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('rules/schema/check.schema.json', 'utf8')));
  const files = {};
  const yamlFiles = [
    ...readdirSync('rules').filter((f) => f.endsWith('.yaml')),
    ...readdirSync('rules/checks').filter((f) => f.endsWith('.yaml')).map((f) => `checks/${f}`),
  ];
  for (const rel of yamlFiles) {
    const text = readFileSync(`rules/${rel}`, 'utf8');
    const data = parse(text);
    const isCheck = rel.startsWith('checks/') && rel !== 'checks/index.yaml';
    if (isCheck && !validate(data)) {
      console.error(`build: rules/${rel} is invalid: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      process.exit(1);
    }
    files[rel] = { sha1: createHash('sha1').update(text).digest('hex'), data, validated: isCheck };
  }
  // The check files' globs compiled by minimatch as compileGlob (server/src/engine/rules/checkDef.ts) does, with
  // the same options (GLOB_OPTIONS there; test/unit/rules-snapshot.test.ts holds the two together): compiling
  // ~180 globs is most of loading the rules, on every thread of every scan.
  const { Minimatch } = await import('minimatch');
  const GLOB_OPTIONS = { dot: true, nocase: true, nocomment: true, nonegate: true };
  const globs = {};
  const collect = (node, key) => {
    if (Array.isArray(node)) node.forEach((v) => collect(v, key));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(v, k);
    else if ((key === 'file' || key === 'exclude') && node !== undefined && node !== null) {
      const clean = String(node).replace(/^\.\//, '');
      const mm = new Minimatch(clean, GLOB_OPTIONS);
      const re = mm.makeRe();
      if (re) globs[clean] = { source: re.source, flags: re.flags, alternatives: mm.set.length };
    }
  };
  for (const [rel, entry] of Object.entries(files)) if (rel.startsWith('checks/')) collect(entry.data);
  writeFileSync('dist/rules-snapshot.json', JSON.stringify({ version: 1, files, globs }));
}

// The literal filters of the built-in patterns (server/src/engine/rules/requiredLiterals.ts), recorded from scans
// of the fixture projects with the bundle just built and added to the snapshot: each scan thread then skips
// parsing ~400 regular expressions (~30 ms). Without the fixtures (or if a scan fails) scans work them out.
{
  const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'aipf-literals-'));
  try {
    const literals = {};
    for (const fixture of readdirSync('test/fixtures/projects')) {
      const record = join(dir, `${fixture}.json`);
      execFileSync(process.execPath, ['dist/cli.js', 'scan', join('test/fixtures/projects', fixture), '--format', 'json', '--fail-on', 'never'], {
        env: { ...process.env, AI_PREFLIGHT_RECORD_LITERALS: record, AI_PREFLIGHT_THREADS: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
      });
      Object.assign(literals, JSON.parse(readFileSync(record, 'utf8')));
    }
    const snapshot = JSON.parse(readFileSync('dist/rules-snapshot.json', 'utf8'));
    writeFileSync('dist/rules-snapshot.json', JSON.stringify({ ...snapshot, literals }));
  } catch (e) {
    console.warn(`build: literal filters not prebuilt (${e.message}); scans work them out as they start`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
