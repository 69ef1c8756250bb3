// Code-level rules (SPEC §5): llm-client-timeout, unpinned-model-version, trust-remote-code,
// unsafe-deserialization, local-absolute-path, at exact ranges, for one file's text.
// Suppression comments and stage severities are the caller's business.
import type { Finding } from '../types';
import { checkDataFile } from './config';
import { DATA_FILE_MAX_CHARS, isConfigLikeDataFile, mayHaveDataFindings } from './dataFiles';
import { plainTextMap, toFinding, type RawFinding, type PositionMap } from './finding';
import { checkJavaScript } from './js';
import { notebookCode } from './notebook';
import { initParsers, type CodeLanguage } from './parsers';
import { checkPython } from './python';

export { notebookCellOf } from './notebook';
export { WASM_FILES, locateWasm } from './parsers';
export const CODE_RULE_IDS = ['llm-client-timeout', 'unpinned-model-version', 'trust-remote-code', 'unsafe-deserialization', 'local-absolute-path'] as const;

/** Default for the timeout quick fix, in seconds (JS fixes write milliseconds). */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/**
 * Loads the parser and grammars once (web-tree-sitter + prebuilt WASM grammars for python, javascript, typescript,
 * tsx): all of them, or the ones `languages` names (see parserLanguagesFor). Idempotent; safe to call concurrently.
 */
export function initCodeParsers(languages?: readonly CodeLanguage[]): Promise<void> {
  return initParsers(languages);
}

/** The grammars checkCode needs for this file (none for YAML, JSON and .env, which are read without a parser). */
export function parserLanguagesFor(relPath: string): CodeLanguage[] {
  const kind = fileKind(relPath);
  if (kind === 'python' || kind === 'notebook') return ['python'];
  return kind === 'javascript' || kind === 'typescript' || kind === 'tsx' ? [kind] : [];
}

type FileKind = 'python' | 'notebook' | CodeLanguage | 'yaml' | 'json' | 'env';

/**
 * Whether the code rules read this file at all: the workspace scan's gate (the editor asks checkCode, which
 * answers the same way). Code, notebooks, and YAML/JSON/.env files that are configuration rather than data.
 */
export function hasCodeRules(relPath: string): boolean {
  return fileKind(relPath) !== undefined;
}

function fileKind(relPath: string): FileKind | undefined {
  const lower = relPath.replace(/\\/g, '/').toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return isConfigLikeDataFile(lower) ? 'env' : undefined;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  switch (ext) {
    case '.py': case '.pyw': return 'python';
    case '.ipynb': return 'notebook';
    case '.js': case '.mjs': case '.cjs': case '.jsx': return 'javascript';
    case '.ts': case '.mts': case '.cts': return name.endsWith('.d.ts') ? undefined : 'typescript';
    case '.tsx': return 'tsx';
    case '.yaml': case '.yml': return isConfigLikeDataFile(lower) ? 'yaml' : undefined;
    case '.json': return isConfigLikeDataFile(lower) ? 'json' : undefined;
  }
  return undefined;
}

/**
 * Code-level findings for one file's text. relPath decides the language. Must be called after
 * initCodeParsers() (with the file's parserLanguagesFor). Ranges are in the raw text (for .ipynb, the raw JSON line); severity is 'info'
 * (the caller maps it by stage). Never throws on bad input: an unparsable file yields no findings.
 */
export function checkCode(relPath: string, text: string, opts?: { defaultTimeoutSeconds?: number; cache?: boolean }): Finding[] {
  const kind = fileKind(relPath);
  if (!kind || text.includes('\u0000')) return [];
  const timeout = opts?.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  // An open document's next version re-uses its tree and spans (cached by path); a workspace scan's files are
  // checked once, and caching them only kept texts and trees alive long enough to reach the old generation.
  const key = opts?.cache === false ? undefined : relPath;
  let raw: RawFinding[];
  let map: PositionMap;
  try {
    if (kind === 'notebook') {
      const code = notebookCode(text);
      if (!code) return [];
      raw = checkPython(code.text, key && `${key}#cells`, timeout);
      map = code.map;
    } else {
      map = plainTextMap(text);
      if (kind === 'python') raw = checkPython(text, key, timeout);
      else if (kind === 'yaml' || kind === 'json' || kind === 'env') {
        // A large file is data, and most configs name no model, hub id, path or trust_remote_code: no parse.
        raw = text.length <= DATA_FILE_MAX_CHARS && mayHaveDataFindings(text) ? checkDataFile(kind, text) : [];
      }
      else raw = checkJavaScript(kind, text, key, timeout);
    }
  } catch (err) {
    if (err instanceof Error && /initCodeParsers/.test(err.message)) throw err; // a caller bug, not bad input
    return [];
  }
  raw.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return raw.map((r) => toFinding(r, relPath, map));
}
