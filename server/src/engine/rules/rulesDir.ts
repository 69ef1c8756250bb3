// Finds the rules/ folder both from the esbuild bundles (dist/) and from tsc output (out/...).
import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

export function rulesDir(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'rules');
    if (fs.existsSync(path.join(candidate, 'checks'))) return (cached = candidate);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`AI Preflight: rules/ folder not found above ${__dirname}`);
    dir = up;
  }
}
