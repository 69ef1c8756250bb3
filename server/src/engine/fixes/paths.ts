// Choosing where a scaffold goes: scan-root-relative paths, and the first candidate location that is free.
import * as fs from 'fs';
import * as path from 'path';
import type { FixContext } from './types';

/** Join a project root ('.' or 'a/b') and a path inside it, '/'-separated and relative to the scan root. */
export function inProject(projectRel: string, rel: string): string {
  return projectRel === '.' || projectRel === '' ? rel : `${projectRel.replace(/\/+$/, '')}/${rel}`;
}

/** True when something (file, folder, link, even a dangling one) sits at `rel`, or the batch already claims it. */
export function isTaken(ctx: FixContext, rel: string): boolean {
  if (ctx.reserved?.has(rel)) return true;
  try {
    fs.lstatSync(path.join(ctx.scanRoot, ...rel.split('/')));
    return true;
  } catch {
    return false;
  }
}

/** The first set of paths in which none is taken, or undefined. */
export function firstFreeSet(ctx: FixContext, candidates: string[][]): string[] | undefined {
  return candidates.find(set => set.every(p => !isTaken(ctx, p)));
}

/** The first free single path, or undefined. */
export function firstFree(ctx: FixContext, candidates: string[]): string | undefined {
  return candidates.find(p => !isTaken(ctx, p));
}

/** Lower-case, dash-separated, safe in file names and ids. */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'project';
}

/** Relative path from a file at `fromFile` to `toFile` (both project-relative), '/'-separated. */
export function relativeFrom(fromFile: string, toFile: string): string {
  return path.posix.relative(path.posix.dirname(fromFile), toFile) || '.';
}
