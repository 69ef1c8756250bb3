// Built-in rule files (rules/*.yaml) as parsed data. scripts/build.mjs parses them once at build time into
// dist/rules-snapshot.json with each file's content hash (check files also validated against their schema
// there). At run time a file whose content still has the recorded hash comes from the snapshot: that saves
// YAML parsing and the schema compile, ~100 ms of every CLI start. Any other file is parsed as usual.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { rulesDir } from './rulesDir';

interface SnapshotEntry { sha1: string; data: unknown; validated: boolean }
/** A glob as minimatch compiles it (regex source and flags, brace alternatives), by glob text. */
export interface SnapshotGlob { source: string; flags: string; alternatives: number }
/**
 * `literals`: the literal filters (requiredLiterals.ts) of the patterns a scan of the fixtures compiles, by
 * `${flags}/${source}`: the clauses, or null for a pattern with no useful literals.
 */
interface Snapshot { version: 1; files: Record<string, SnapshotEntry>; globs?: Record<string, SnapshotGlob>; literals?: Record<string, string[][] | null> }

export const SNAPSHOT_FILE = 'rules-snapshot.json';

let snapshot: Snapshot | null | undefined;

function loadSnapshot(): Snapshot | null {
  if (snapshot !== undefined) return snapshot;
  try {
    const s = JSON.parse(fs.readFileSync(path.join(__dirname, SNAPSHOT_FILE), 'utf8')) as Snapshot;
    snapshot = s?.version === 1 && s.files && typeof s.files === 'object' ? s : null;
  } catch {
    snapshot = null; // no snapshot beside this module (tsc output, tests): parse the YAML
  }
  return snapshot;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * Parsed content of a YAML file under rules/ (`rel` like 'checks/ci.yaml'). `validated` is true when the
 * build already validated it against its schema (check files only) and its content is unchanged since.
 */
export function readRulesYaml(rel: string): { data: unknown; validated: boolean } {
  const text = fs.readFileSync(path.join(rulesDir(), rel), 'utf8');
  const entry = loadSnapshot()?.files[rel];
  if (entry && entry.sha1 === sha1(text)) return { data: entry.data, validated: entry.validated };
  return { data: parse(text), validated: false };
}

/** The build's compile of a built-in glob (text without a leading `./`), if the snapshot has it. */
export function snapshotGlob(clean: string): SnapshotGlob | undefined {
  const globs = loadSnapshot()?.globs;
  return globs && Object.prototype.hasOwnProperty.call(globs, clean) ? globs[clean] : undefined;
}

/** The build's literal filter clauses for a pattern (`${flags}/${source}`): null = none useful, undefined = not in the snapshot. */
export function snapshotLiterals(key: string): string[][] | null | undefined {
  const literals = loadSnapshot()?.literals;
  return literals && Object.prototype.hasOwnProperty.call(literals, key) ? literals[key] : undefined;
}
