// A bounded listing of a project's files for picking entry points and deploy files, and small reads.
import * as fs from 'fs';
import { crawl } from '../workspace/crawl';

/** The project's files (relative to `dir`), listed by the engine's crawler: same ignores, same symlink rules. */
export function listProjectFiles(dir: string, maxFiles = 5000): string[] {
  return crawl(dir, { maxFiles }).files.map((f) => f.rel);
}

/**
 * Reads a small text file, or undefined when missing, too big, binary or a symbolic link (a link may point outside
 * the workspace, and fixes never read there; the crawler skips such links too).
 */
export function readSmallText(abs: string, maxBytes = 256 * 1024): string | undefined {
  try {
    const st = fs.lstatSync(abs);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = fs.readFileSync(abs);
    if (buf.includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}
