// TEMPORARY STUB so that other parts can build against the API; replaced by the real scan.
import type { ScanOptions } from './api';
import type { Finding, ScanResult } from './types';
import { VERSION } from './version';

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  return { tool: { name: 'ai-preflight', version: VERSION }, root: opts.root, projects: [], findings: [], notes: [], stats: { files: 0, filesRead: 0, bytesRead: 0, ms: 0 } };
}

/**
 * Code-level findings (secrets and code rules) for one document's current text, with severities at the
 * stage of the project it belongs to and inline suppressions applied. Used by the editor on every edit.
 */
export async function checkDocument(_scanRoot: string, _relPath: string, _text: string, _opts: Omit<ScanOptions, 'root'> = {}): Promise<Finding[]> {
  return [];
}
