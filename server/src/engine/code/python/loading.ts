// unsafe-deserialization and trust-remote-code for Python.
//
// Deserialization decision: a load whose source resolves to a literal path inside the repository
// (`"models/clf.pkl"`, `open("models/clf.pkl", "rb")`, `os.path.join("models", "clf.pkl")`, a `with
// open(...) as f` of one, or a module constant holding one) reads the project's own artifact and
// is not reported, nor is a load inside a pipeline materializer (it reads what its own save() wrote).
// Anything else (absolute paths, URLs, `..`, variables we cannot resolve, raw bytes given to loads()) is.
// torch.load with `**kwargs` is not reported (weights_only may be there).
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { isOwnArtifactPath } from '../paths';
import { appendKeywordEdit, callArgs, callsNamed, dottedName, matchOffsets, qualifiedCallee, stringValue, type PyFile } from './context';

const PICKLE_LOADERS = new Set([
  'pickle.load', 'pickle.loads', 'pickle.Unpickler', 'cPickle.load', 'cPickle.loads', '_pickle.load', '_pickle.loads',
  'dill.load', 'dill.loads', 'cloudpickle.load', 'cloudpickle.loads', 'joblib.load', 'sklearn.externals.joblib.load',
  'pandas.read_pickle', 'pandas.io.pickle.read_pickle',
]);
/** Callee names unsafe-deserialization verifies (the last name of the callee). */
export const LOAD_CALLS = ['load', 'loads', 'Unpickler', 'read_pickle', 'torch_load'];
// torch.load under another name: Ultralytics' wrapper passes weights_only=False unless told otherwise.
const TORCH_LOADERS = new Set(['torch.load', 'ultralytics.utils.patches.torch_load']);
const PATH_BUILDERS = /^(open|io\.open|Path|pathlib\.Path|os\.path\.join|gzip\.open|bz2\.open|lzma\.open)$/;

/** The literal path a load reads from, when it can be seen statically. */
function literalSource(file: PyFile, node: SyntaxNode | undefined, depth = 0): string | undefined {
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

function isOwnArtifact(file: PyFile, source: SyntaxNode | undefined): boolean {
  const path = literalSource(file, source);
  return path !== undefined && isOwnArtifactPath(path);
}

/**
 * True inside a class derived from a `…Materializer` (ZenML's BaseMaterializer and its subclasses): its load()
 * reads back what its save() wrote to the pipeline's own artifact store. Found by indentation, since the parse
 * around a call covers only its statement (a string line indented less than its code ends the search: the load is
 * then reported, as it would be anywhere else).
 */
function inMaterializer(text: string, offset: number): boolean {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let level = indentAt(text, lineStart);
  while (lineStart > 0 && level > 0) {
    const lineEnd = lineStart - 1;
    lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const indent = indentAt(text, lineStart);
    const first = text.charCodeAt(lineStart + indent);
    // Blank lines, comments and lines deeper than the current scope say nothing about it.
    if (indent >= level || lineStart + indent >= lineEnd || first === 0x23 /* # */ || first === 0x0d /* \r */) continue;
    // The closing bracket of a header split over lines (`class A(\n    Base,\n):`) belongs to that header.
    if (first === 0x29 /* ) */ || first === 0x5d /* ] */ || first === 0x7d /* } */) continue;
    level = indent;
    const header = /^class\s+\w+\s*\(([^)]{0,400})\)/.exec(text.slice(lineStart + indent, lineStart + indent + 500));
    if (header && /\w*Materializer\b/.test(header[1])) return true;
  }
  return false;
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  return i - lineStart;
}

export function deserializationFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const call of callsNamed(file, LOAD_CALLS)) {
    const q = qualifiedCallee(file, call);
    if (!q) continue;
    if ((PICKLE_LOADERS.has(q) || TORCH_LOADERS.has(q) || q === 'numpy.load') && inMaterializer(file.text, call.startIndex)) continue;
    const args = callArgs(call);
    const source = args.positional[0] ?? args.keywords.get('f')?.value ?? args.keywords.get('filepath_or_buffer')?.value ?? args.keywords.get('filename')?.value;
    const label = `${dottedName(call.childForFieldName('function'))}()`;
    if (PICKLE_LOADERS.has(q)) {
      if (!q.endsWith('loads') && isOwnArtifact(file, source)) continue;
      out.push({ ruleId: 'unsafe-deserialization', message: messages.unsafeLoad(label), start: call.startIndex, end: call.endIndex });
    } else if (TORCH_LOADERS.has(q)) {
      const weightsOnly = args.keywords.get('weights_only');
      if (weightsOnly?.value.type === 'true' || (!weightsOnly && args.hasSplat)) continue;
      if (isOwnArtifact(file, source)) continue;
      const finding: RawFinding = {
        ruleId: 'unsafe-deserialization', message: q === 'torch.load' ? messages.torchLoad(!!weightsOnly) : messages.torchLoadWrapper(label),
        start: call.startIndex, end: call.endIndex,
      };
      if (!weightsOnly && args.node?.type === 'argument_list') {
        finding.fix = { title: 'Add weights_only=True', edits: [appendKeywordEdit(args.node, 'weights_only=True')] };
      }
      out.push(finding);
    } else if (q === 'numpy.load') {
      const allow = args.keywords.get('allow_pickle');
      if (allow?.value.type !== 'true' || isOwnArtifact(file, source)) continue;
      out.push({ ruleId: 'unsafe-deserialization', message: messages.numpyPickle(), start: allow.node.startIndex, end: allow.node.endIndex });
    }
  }
  return out;
}

/** `assert call.kwargs == {"trust_remote_code": True}`: a test's expectation, not a setting. */
function isComparedDict(pair: SyntaxNode): boolean {
  const dict = pair.parent;
  return dict?.type === 'dictionary' && dict.parent?.type === 'comparison_operator';
}

/** `name=True` / `name: bool = True` as a parameter's default, or `name = True` / `name: bool = True` assigned. */
function isTrueDefault(holder: SyntaxNode, name: SyntaxNode): boolean {
  const field = holder.type === 'assignment' ? 'left' : holder.type === 'default_parameter' || holder.type === 'typed_default_parameter' ? 'name' : undefined;
  if (!field || holder.childForFieldName(field)?.startIndex !== name.startIndex) return false;
  return holder.childForFieldName(holder.type === 'assignment' ? 'right' : 'value')?.type === 'true';
}

/** Text candidates of trust-remote-code. */
export function trustRemoteCodeOffsets(file: PyFile): number[] {
  return file.search('trust', (text) => matchOffsets(text, /trust_remote_code/g).map((m) => m.index));
}

export function trustRemoteCodeFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const index of trustRemoteCodeOffsets(file)) {
    // trust_remote_code=True (keyword) or {"trust_remote_code": True} (dict pair)
    let node: SyntaxNode | null = file.nodeAt(index, index + 'trust_remote_code'.length);
    if (node.type === 'string_content') node = node.parent;
    const holder = node?.parent;
    if (holder?.type === 'keyword_argument' && holder.childForFieldName('name')?.startIndex === node!.startIndex && holder.childForFieldName('value')?.type === 'true') {
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: holder.startIndex, end: holder.endIndex });
    } else if (holder?.type === 'pair' && holder.childForFieldName('key')?.startIndex === node!.startIndex && stringValue(node) === 'trust_remote_code' && holder.childForFieldName('value')?.type === 'true' && !isComparedDict(holder)) {
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: holder.startIndex, end: holder.endIndex });
    } else if (holder && node?.type === 'identifier' && (isTrueDefault(holder, node) || (holder.type === 'attribute' && holder.childForFieldName('attribute')?.startIndex === node.startIndex && holder.parent !== null && isTrueDefault(holder.parent, holder)))) {
      // A default of True is the setting every caller that passes the flag through gets:
      // `def load(trust_remote_code: bool = True)`, a settings class's `trust_remote_code: bool = True`,
      // `config.trust_remote_code = True`.
      const statement = holder.type === 'attribute' ? holder.parent! : holder;
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: statement.startIndex, end: statement.endIndex });
    }
  }
  return out;
}
