// Whether a folder is a workspace root with a given package among its members: npm/yarn `workspaces`,
// pnpm-workspace.yaml `packages`, uv `[tool.uv.workspace] members`, Cargo `[workspace] members`. A workspace's
// lock file pins its members' dependencies and nothing else: a package under it that is not a member installs
// from its own manifest.
import { minimatch } from 'minimatch';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

interface TextSource { read(rel: string): string | null }

/**
 * True when `dir` is a workspace root of this ecosystem and the package at `packageRoot` (below `dir`, both
 * relative to the scan root) is one of its members. A workspace whose member list cannot be read is taken to
 * include every package beneath it, as before member lists were read.
 */
export function workspaceIncludes(store: TextSource, dir: string, eco: 'python' | 'node' | 'rust', packageRoot: string): boolean {
  const read = (name: string) => store.read(dir === '.' ? name : `${dir}/${name}`);
  const rel = dir === '.' ? packageRoot : packageRoot.startsWith(`${dir}/`) ? packageRoot.slice(dir.length + 1) : undefined;
  if (rel === undefined) return false;
  const lists = eco === 'node' ? nodeMemberLists(read) : eco === 'rust' ? cargoMemberLists(read) : pythonMemberLists(read);
  if (lists.length === 0) return false;
  return lists.some((list) => list === 'unknown' || isMember(rel, list.include, list.exclude));
}

type MemberList = { include: string[]; exclude: string[] } | 'unknown';

function nodeMemberLists(read: (name: string) => string | null): MemberList[] {
  const out: MemberList[] = [];
  const pkg = read('package.json');
  if (pkg !== null && /"workspaces"\s*:/.test(pkg)) {
    let workspaces: unknown;
    try {
      workspaces = (JSON.parse(pkg) as { workspaces?: unknown }).workspaces;
    } catch {
      workspaces = undefined;
    }
    // npm and yarn take a list; yarn 1 also `{ packages: [...] }`.
    const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
    out.push(splitGlobs(list));
  }
  const pnpm = read('pnpm-workspace.yaml');
  if (pnpm !== null) {
    let doc: unknown;
    try {
      doc = parseYaml(pnpm, { logLevel: 'silent' });
    } catch {
      doc = undefined;
    }
    out.push(splitGlobs((doc as { packages?: unknown } | null | undefined)?.packages));
  }
  return out;
}

function pythonMemberLists(read: (name: string) => string | null): MemberList[] {
  const text = read('pyproject.toml');
  if (text === null || !/^\[tool\.uv\.workspace\]/m.test(text)) return [];
  return tomlMemberLists(text, (doc) => (doc as { tool?: { uv?: { workspace?: TomlWorkspace } } }).tool?.uv?.workspace);
}

function cargoMemberLists(read: (name: string) => string | null): MemberList[] {
  const text = read('Cargo.toml');
  if (text === null || !/^\[workspace\]/m.test(text)) return [];
  return tomlMemberLists(text, (doc) => (doc as { workspace?: TomlWorkspace }).workspace);
}

interface TomlWorkspace { members?: unknown; exclude?: unknown }

/** uv and Cargo alike: a `members` glob list and an `exclude` list. */
function tomlMemberLists(text: string, workspaceOf: (doc: unknown) => TomlWorkspace | undefined): MemberList[] {
  let workspace: TomlWorkspace | undefined;
  try {
    workspace = workspaceOf(parseToml(text));
  } catch {
    return ['unknown'];
  }
  const members = splitGlobs(workspace?.members);
  if (members === 'unknown') return ['unknown'];
  const exclude = Array.isArray(workspace?.exclude) ? workspace!.exclude.filter((g): g is string => typeof g === 'string') : [];
  return [{ include: members.include, exclude: [...members.exclude, ...exclude] }];
}

/** A list of globs, `!` marking exclusions (pnpm); 'unknown' when it is not a non-empty list of strings. */
function splitGlobs(list: unknown): MemberList {
  if (!Array.isArray(list) || list.length === 0 || !list.every((g) => typeof g === 'string')) return 'unknown';
  const globs = (list as string[]).map((g) => g.trim().replace(/^\.\//, '').replace(/\/$/, ''));
  return { include: globs.filter((g) => !g.startsWith('!')), exclude: globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1).replace(/^\.\//, '')) };
}

function isMember(rel: string, include: string[], exclude: string[]): boolean {
  const matches = (glob: string) => (glob === '.' || glob === '' ? rel === '' || rel === '.' : minimatch(rel, glob, { dot: true }));
  return include.some(matches) && !exclude.some(matches);
}
