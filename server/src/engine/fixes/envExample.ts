// .env.example: the names of the environment variables a project reads, never their values. The secret fix
// adds the variable it introduces: into the nearest existing .env.example above the file (only ever at its
// end), else into a new one at the project root. Worked out from the disk at the moment a fix is applied.
import * as fs from 'fs';
import * as path from 'path';
import { pathProblem } from './applyPlan';

export const ENV_EXAMPLE = '.env.example';
const MAX_BYTES = 1024 * 1024;
const HEADER = '# Environment variables this project reads: names only, never values.\n' +
  '# Copy this file to .env (kept out of version control) and set the real values there.\n';

export interface EnvExampleChange {
  /** Relative to the scan root, '/'-separated. */
  path: string;
  /** True: create the file (nothing is there); false: add `text` at the end of the existing file. */
  create: boolean;
  /** The whole file when creating; otherwise the text to add at the end. */
  text: string;
  /** Where the end of the existing file is (0-based line, UTF-16 character), for an editor's insert. */
  end?: { line: number; character: number };
  /** The names being added. */
  names: string[];
}

export interface EnvExamplePlan {
  change?: EnvExampleChange;
  /** Why nothing can be added although names are missing (a linked or unreadable file). */
  problem?: string;
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `text` declares `name`, as `NAME=`, `export NAME=` or a commented `# NAME=`. */
export function declares(text: string, name: string): boolean {
  return new RegExp(`^[ \\t]*(?:#[ \\t]*)?(?:export[ \\t]+)?${name}[ \\t]*=`, 'm').test(text);
}

const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.');
const join = (dir: string, name: string) => (dir === '.' || dir === '' ? name : `${dir}/${name}`);

/** The .env.example nearest above `fileRel` (its folder, then each parent up to the scan root) that exists. */
function nearestExisting(scanRoot: string, fileRel: string): string | undefined {
  let dir = dirOf(fileRel);
  for (;;) {
    const rel = join(dir, ENV_EXAMPLE);
    if (fs.lstatSync(path.join(scanRoot, ...rel.split('/')), { throwIfNoEntry: false })) return rel;
    if (dir === '.' || dir === '') return undefined;
    dir = dirOf(dir);
  }
}

/** End of `text` as an editor position. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/**
 * What to do so that .env.example names every one of `names` for a secret fixed in `fileRel` (scan-root
 * relative) of the project at `projectRel`: nothing (all declared), create a file, or add lines at the end.
 */
export function envExamplePlan(scanRoot: string, fileRel: string, projectRel: string | undefined, names: string[]): EnvExamplePlan {
  const wanted = [...new Set(names.filter((n) => VALID_NAME.test(n)))];
  if (wanted.length === 0) return {};
  const existing = nearestExisting(scanRoot, fileRel);
  if (!existing) {
    const rel = join(projectRel && !pathProblem(projectRel) ? projectRel : '.', ENV_EXAMPLE);
    return { change: { path: rel, create: true, text: HEADER + wanted.map((n) => `${n}=\n`).join(''), names: wanted } };
  }
  const abs = path.join(scanRoot, ...existing.split('/'));
  let text: string;
  try {
    const st = fs.lstatSync(abs);
    if (!st.isFile()) return { problem: `${existing} is not a regular file (a link or a folder); add ${wanted.join(', ')} by hand` };
    if (st.size > MAX_BYTES) return { problem: `${existing} is too large to edit; add ${wanted.join(', ')} by hand` };
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    return { problem: `could not read ${existing}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const missing = wanted.filter((n) => !declares(text, n));
  if (missing.length === 0) return {};
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { change: { path: existing, create: false, text: lead + missing.map((n) => `${n}=${eol}`).join(''), end: endOf(text), names: missing } };
}
