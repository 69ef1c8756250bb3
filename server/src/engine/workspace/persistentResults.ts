// A folder's per-file results (FileResultCache) kept on disk between processes, so the next scan (the CLI with
// --cache, the language server when the workspace opens again) reads and parses only the files whose size or
// mtime changed: ESLint's --cache and Ruff's cache do the same. Per-file values depend on the file's text and
// the engine alone (configuration, stage and custom rules apply after), so the key is the engine's fingerprint
// (its code, built-in rules and grammars) plus each file's size and mtime.
//
// The file holds findings as the scan reports them: secrets masked, never in full. Anything wrong with it
// (missing, corrupt, another engine, another folder) only means a scan from scratch; writing is atomic.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { VERSION } from '../version';
import { rulesDir } from '../rules/rulesDir';
import { locateWasm, WASM_FILES } from '../code/parsers';
import type { FileResultCache, PlainEntry } from './fileResultCache';
import type { FileStore } from './fileStore';

const FORMAT = 1;
/**
 * Files whose mtime is this close to the listing are not kept: on a file system with coarse timestamps (FAT:
 * 2 s) a file written again just after it was listed can keep its size and mtime (git's "racily clean" case).
 */
const RACY_MS = 2000;

interface CacheFile { format: number; engine: string; root: string; entries: PlainEntry[] }

/** Where the cache of `root` lives inside `dir`: one file per folder, named by a hash of its path. */
export function resultsCacheFile(dir: string, root: string): string {
  return path.join(dir, `results-${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}.json.gz`);
}

/**
 * Loads the kept results of `root` from `file` into `results`. Returns how many files' results were restored
 * (0 when there is no usable cache).
 */
export function restoreResults(file: string, root: string, results: FileResultCache): number {
  let data: unknown;
  try {
    data = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8'));
  } catch {
    return 0;
  }
  if (!isCacheFile(data) || data.format !== FORMAT || data.engine !== engineFingerprint() || data.root !== path.resolve(root)) return 0;
  const entries = data.entries.filter(isPlainEntry);
  results.restore(entries);
  return entries.length;
}

/** Entries per gzip member: the file is written in pieces, so a big cache never sits in memory as one string. */
const ENTRIES_PER_MEMBER = 1000;

/**
 * Writes the results of a finished scan of `root`: the files as the scan listed them (`store`), except
 * unsaved editor texts, files the scan could not read (`unread`: they are tried again next time) and
 * files changed too close to `listedAt`. Nothing is written when the results are what was restored.
 * Returns the entries written, or undefined when nothing was. Throws on a write error (the caller reports it);
 * never leaves a partial file.
 */
export function persistResults(file: string, root: string, results: FileResultCache, store: FileStore, unread: ReadonlySet<string>, listedAt: number): number | undefined {
  if (!results.changed && fs.existsSync(file)) return undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  let count = 0;
  const fd = fs.openSync(tmp, 'w');
  try {
    // Concatenated gzip members are one gzip stream to the reader (RFC 1952).
    const put = (text: string) => fs.writeSync(fd, gzipSync(text, { level: 1 }));
    put(`{"format":${FORMAT},"engine":${JSON.stringify(engineFingerprint())},"root":${JSON.stringify(path.resolve(root))},"entries":[`);
    let piece: string[] = [];
    for (const entry of results.plainEntries(store, (rel, _size, mtimeMs) => !unread.has(rel) && mtimeMs <= listedAt - RACY_MS)) {
      piece.push(JSON.stringify(entry));
      if (piece.length === ENTRIES_PER_MEMBER) {
        put((count ? ',' : '') + piece.join(','));
        count += piece.length;
        piece = [];
      }
    }
    if (piece.length) put((count ? ',' : '') + piece.join(','));
    count += piece.length;
    put(']}');
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  results.markSaved();
  return count;
}

let fingerprint: string | undefined;

/**
 * What per-file values depend on besides the file: the running code (the bundle this module is part of, which
 * changes with any engine source), the built-in rule files, the grammars and the version.
 */
export function engineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha1').update(`${FORMAT}\0${VERSION}\0`);
  const add = (label: string, read: () => Buffer | string) => {
    h.update(label).update('\0');
    try {
      h.update(read());
    } catch {
      h.update('(missing)');
    }
    h.update('\0');
  };
  add('code', () => fs.readFileSync(__filename));
  const rules = rulesDir();
  for (const sub of ['', 'checks']) {
    const dir = path.join(rules, sub);
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) add(`${sub}/${name}`, () => fs.readFileSync(path.join(dir, name)));
  }
  for (const wasm of WASM_FILES) add(wasm, () => String(fs.statSync(locateWasm(wasm)).size));
  return (fingerprint = h.digest('hex'));
}

function isCacheFile(x: unknown): x is CacheFile {
  const c = x as CacheFile;
  return !!c && typeof c === 'object' && typeof c.engine === 'string' && typeof c.root === 'string' && Array.isArray(c.entries);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObjects = (v: unknown) => Array.isArray(v) && v.every(isObject);

/**
 * The shape of each kind of value the scan keeps per file. An entry with a kind not listed here, or a value of
 * another shape, is dropped (its file is analysed again): a damaged or hand-edited cache must not crash a scan.
 */
const VALUE_SHAPES: Record<string, (v: unknown) => boolean> = {
  imports: isStrings,
  topImports: isStrings,
  modelIds: isStrings,
  secrets: isObjects,
  code: isObjects,
  suppressions: (v) => v === null || isObjects(v),
  matches: (v) => isObject(v) && Object.values(v).every((e) => e === null || isObject(e)),
  manifest: (v) => v === null || isObject(v),
  'notebook-unparsed': (v) => typeof v === 'boolean',
};

function isPlainEntry(x: unknown): x is PlainEntry {
  return Array.isArray(x) && x.length === 4 && typeof x[0] === 'string' && typeof x[1] === 'number' && typeof x[2] === 'number' &&
    isObject(x[3]) && Object.entries(x[3]).every(([kind, v]) => Object.prototype.hasOwnProperty.call(VALUE_SHAPES, kind) && VALUE_SHAPES[kind](v));
}
