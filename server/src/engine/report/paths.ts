// Paths in reports are relative to the scanned folder with '/', whatever the engine handed over.
import * as path from 'path';
import { pathToFileURL } from 'url';

/** Relative, '/'-separated path of `file` under `root`; absolute paths outside root are kept as given. */
export function relativePath(root: string, file: string): string {
  let p = file;
  if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) {
    const rel = path.relative(root, p);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
    else if (rel === '') p = '.';
  }
  if (path.sep === '\\' || /^[A-Za-z]:\\/.test(file)) p = p.replace(/\\/g, '/');
  p = p.replace(/^(\.\/)+(?=.)/, '');
  return p === '' ? '.' : p;
}

/** A relative path as a URI reference: each segment percent-encoded, so no name can become a scheme or a query. */
export function pathToUriReference(relPath: string): string {
  return relPath.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())).join('/');
}

/** Only web links are followed from user-supplied docs URLs (custom rules); anything else is dropped. */
export function safeWebUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The prefix that takes a report written to `reportFile` to the scanned folder `root`, for its evidence links:
 * '' when the report sits in the folder itself, '../' style when elsewhere on the same volume, the folder's
 * file: URL when no relative path exists (another Windows drive).
 */
export function reportLinkPrefix(reportFile: string, root: string): string {
  const rel = path.relative(path.dirname(path.resolve(reportFile)), path.resolve(root));
  if (rel === '') return '';
  if (path.isAbsolute(rel)) return pathToFileURL(path.resolve(root)).href + '/';
  return pathToUriReference(rel.split(path.sep).join('/')) + '/';
}
