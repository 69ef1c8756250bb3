// Whether a deserialized file is the project's own artifact (unsafe-deserialization does not report those).
//
// Own: a literal path inside the repository (`"models/clf.pkl"`, `open("models/clf.pkl", "rb")`,
// `os.path.join("models", "clf.pkl")`, a `with open(...) as f` of one, or a module constant holding one), or a
// path the same file wrote earlier (`torch.save(sd, MODEL_SAVE_PATH)` ... `torch.load(MODEL_SAVE_PATH)`).
// Not own, whatever its spelling: a path a download call wrote earlier (`urlretrieve(url, path)`,
// `run.download_file(name, output_file_path=path)`).
//
// "The same path" is textual, checked in the tree: the same string literal, or the same expression of names,
// attributes, literals, `/` and `+` and path calls (`MODEL_PATH / MODEL_NAME`, `os.path.join(out, "best.pt")`).
// No data flow: a name means the same file only within one function (or one class for `self.x`), or anywhere
// in the file for an ALL_CAPS constant; a notebook's cells are one module.
import type { SyntaxNode } from '../parsers';
import { isOwnArtifactPath } from '../paths';
import { callArgs, callCandidates, callOfName, dottedName, matchOffsets, qualifiedCallee, stringValue, type PyFile } from './context';
import { enclosingClass, enclosingFunction } from './scopes';

const PATH_BUILDERS = /^(open|io\.open|Path|pathlib\.Path|os\.path\.join|gzip\.open|bz2\.open|lzma\.open)$/;
// Calls that open a file handle from their first argument (a method `p.open("wb")` opens `p`).
const FILE_OPENERS = /^(open|io\.open|gzip\.open|bz2\.open|lzma\.open)$/;

/** The literal path a load reads from, when it can be seen statically. */
export function literalSource(file: PyFile, node: SyntaxNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const direct = stringValue(node);
  if (direct !== undefined) return direct;
  if (node.type === 'identifier') {
    const constant = file.constant(node.text);
    if (constant !== undefined) return constant;
    return literalSource(file, withTarget(file, node.text, node.startIndex), depth + 1);
  }
  if (node.type === 'call') {
    const fn = qualifiedCallee(file, node) ?? '';
    if (!PATH_BUILDERS.test(fn) && !/\.open$/.test(fn)) return undefined;
    const args = callArgs(node);
    const parts = fn.endsWith('join') ? args.positional : args.positional.slice(0, 1);
    const values = parts.map((p) => literalSource(file, p, depth + 1));
    if (!parts.length || values.some((v) => v === undefined)) return undefined;
    return values.join('/');
  }
  return undefined;
}

/**
 * The expression bound by `with <expr> as <name>:` for a name used at `usedAt`, if any: the innermost such
 * statement around the use (a file often reuses `f` or `fh` for several files).
 */
function withTarget(file: PyFile, name: string, usedAt: number): SyntaxNode | undefined {
  const offsets = matchOffsets(file.text, new RegExp(String.raw`\bas\s+(${name})\b`, 'g'), 1).map((m) => m.index).filter((i) => i < usedAt).reverse();
  file.cover(offsets);
  for (const index of offsets) {
    let item: SyntaxNode | null = file.nodeAt(index, index + name.length);
    while (item && item.type !== 'as_pattern' && item.type !== 'module' && item.type !== 'block') item = item.parent;
    if (item?.type !== 'as_pattern') continue;
    let statement: SyntaxNode | null = item.parent;
    while (statement && statement.type !== 'with_statement') statement = statement.parent;
    // Only a `with` around the use binds it there (another function's `with … as f` does not).
    if (statement && statement.startIndex <= usedAt && usedAt < statement.endIndex) return item.namedChildren[0];
  }
  return undefined;
}

/** A path expression's identity, and the names it uses (which decide where it means the same file). */
interface PathKey {
  key: string;
  names: string[];
}

/** The file a path expression (or a file handle opened on one) names, as a comparable key; undefined when not plain. */
function pathKey(file: PyFile, node: SyntaxNode | null | undefined, depth = 0): PathKey | undefined {
  if (!node || depth > 4) return undefined;
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const value = stringValue(node);
      // An f-string is compared as written: the same names in the same template.
      if (value !== undefined) return { key: JSON.stringify(withoutDotSlash(value)), names: [] };
      return { key: node.text.replace(/\s+/g, ''), names: node.descendantsOfType('identifier').map((n) => n.text) };
    }
    case 'identifier': {
      const bound = withTarget(file, node.text, node.startIndex);
      if (bound?.type === 'call' && FILE_OPENERS.test(qualifiedCallee(file, bound) ?? '')) return pathKey(file, bound, depth + 1);
      return { key: node.text, names: [node.text] };
    }
    case 'attribute': {
      const dotted = dottedName(node);
      return dotted ? { key: dotted, names: dotted.split('.') } : undefined;
    }
    case 'parenthesized_expression':
      return pathKey(file, node.namedChildren[0], depth + 1);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      if (op !== '/' && op !== '+') return undefined;
      const left = pathKey(file, node.childForFieldName('left'), depth + 1);
      const right = pathKey(file, node.childForFieldName('right'), depth + 1);
      return left && right ? { key: `${left.key}${op}${right.key}`, names: [...left.names, ...right.names] } : undefined;
    }
    case 'call': {
      const fn = qualifiedCallee(file, node) ?? '';
      const args = callArgs(node).positional;
      if (FILE_OPENERS.test(fn) || /^(Path|pathlib\.Path|str|os\.fspath)$/.test(fn)) return args.length === 1 || FILE_OPENERS.test(fn) ? pathKey(file, args[0], depth + 1) : undefined;
      if (/\.open$/.test(fn)) return pathKey(file, node.childForFieldName('function')?.childForFieldName('object'), depth + 1);
      if (fn !== 'os.path.join') return undefined;
      const parts = args.map((a) => pathKey(file, a, depth + 1));
      if (!parts.length || parts.some((p) => !p)) return undefined;
      return { key: `join(${parts.map((p) => p!.key).join(',')})`, names: parts.flatMap((p) => p!.names) };
    }
    default:
      return undefined;
  }
}

/** `./model.pkl` is `model.pkl`. */
const withoutDotSlash = (path: string) => path.replace(/^(\.\/)+/, '');

/** A path written by a save or a download call: what it is, where, and in which function and class. */
interface WrittenPath extends PathKey {
  at: number;
  literal: string | undefined;
  functionStart: number;
  classStart: number;
}

// Savers and the argument holding the target: [positional index, keyword].
const SAVERS: Record<string, [number, string]> = {
  'torch.save': [1, 'f'], 'joblib.dump': [1, 'filename'], 'sklearn.externals.joblib.dump': [1, 'filename'],
  'pickle.dump': [1, 'file'], 'cPickle.dump': [1, 'file'], '_pickle.dump': [1, 'file'], 'dill.dump': [1, 'file'], 'cloudpickle.dump': [1, 'file'],
  'numpy.save': [0, 'file'], 'numpy.savez': [0, 'file'], 'numpy.savez_compressed': [0, 'file'], 'pandas.to_pickle': [1, 'filepath_or_buffer'],
};
const SAVE_NAMES = ['save', 'dump', 'savez', 'savez_compressed', 'to_pickle'];
// Downloads write to one of their arguments (`urlretrieve(url, path)`, `s3.download_file(bucket, key, path)`,
// `run.download_file(name, output_file_path=path)`, `wget.download(url, out=path)`): all are taken, since only a
// load of the very same path is affected. What a download returns (`path = hf_hub_download(...)`) is a variable we
// cannot resolve, reported already.
const DOWNLOAD_NAMES = ['download', 'download_file', 'download_url', 'download_url_to_file', 'hf_hub_download', 'cached_download', 'urlretrieve'];

function written(file: PyFile, at: number, target: SyntaxNode | null | undefined): WrittenPath | undefined {
  const key = pathKey(file, target);
  if (!key) return undefined;
  const literal = literalSource(file, target ?? undefined);
  return { ...key, at, literal: literal === undefined ? undefined : withoutDotSlash(literal), functionStart: enclosingFunction(file.text, at).start, classStart: enclosingClass(file.text, at) };
}

/** Text candidates of the saves and downloads a load may be compared with (parsed with the rules' first pass). */
export function writeCandidates(file: PyFile): number[] {
  return [...callCandidates(file, SAVE_NAMES), ...callCandidates(file, DOWNLOAD_NAMES)].map((c) => c.start);
}

function callsOf(file: PyFile, names: string[]): SyntaxNode[] {
  const candidates = callCandidates(file, names);
  file.cover(candidates.map((c) => c.start));
  return candidates.map((c) => callOfName(file.nodeAt(c.start, c.end))).filter((c): c is SyntaxNode => !!c);
}

function savedPaths(file: PyFile): WrittenPath[] {
  return file.search('saved-paths', () => {
    const out: WrittenPath[] = [];
    for (const call of callsOf(file, SAVE_NAMES)) {
      const q = qualifiedCallee(file, call) ?? '';
      const args = callArgs(call);
      // `df.to_pickle(path)`: any object's method (a DataFrame or a Series).
      const [index, keyword] = SAVERS[q] ?? (q.endsWith('.to_pickle') ? [0, 'path'] : [-1, '']);
      if (index < 0) continue;
      const path = written(file, call.startIndex, args.positional[index] ?? args.keywords.get(keyword)?.value);
      if (path) out.push(path);
    }
    return out;
  });
}

function downloadedPaths(file: PyFile): WrittenPath[] {
  return file.search('downloaded-paths', () => {
    const out: WrittenPath[] = [];
    for (const call of callsOf(file, DOWNLOAD_NAMES)) {
      const args = callArgs(call);
      const targets = [...args.positional, ...[...args.keywords.values()].map((k) => k.value)];
      for (const target of targets) {
        const path = written(file, call.startIndex, target);
        if (path) out.push(path);
      }
    }
    return out;
  });
}

/** True when `path`, written at its place, is the file a load at `at` (in `fn` and `cls`) reads. */
function samePath(path: WrittenPath, load: WrittenPath): boolean {
  if (path.at >= load.at) return false;
  if (path.literal !== undefined && path.literal === load.literal) return true;
  if (path.key !== load.key) return false;
  // Literals and module constants name one file everywhere; `self.x` within a class; other names within a function.
  if (load.names.every((n) => /^[A-Z][A-Z0-9_]*$/.test(n))) return true;
  if (load.names[0] === 'self' || load.names[0] === 'cls') return path.classStart === load.classStart;
  return path.functionStart === load.functionStart;
}

/** True when the load at `at` reading `source` reads a file the project wrote itself (see the header). */
export function isOwnArtifact(file: PyFile, source: SyntaxNode | undefined, at: number): boolean {
  const literal = literalSource(file, source);
  const literalOwn = literal !== undefined && isOwnArtifactPath(literal);
  const load = written(file, at, source);
  if (!load) return literalOwn;
  if (downloadedPaths(file).some((d) => samePath(d, load))) return false;
  return literalOwn || savedPaths(file).some((s) => samePath(s, load));
}
