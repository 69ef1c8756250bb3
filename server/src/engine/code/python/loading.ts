// unsafe-deserialization and trust-remote-code for Python.
//
// Deserialization decision: a load whose source resolves to a literal path inside the repository
// (`"models/clf.pkl"`, `open("models/clf.pkl", "rb")`, `os.path.join("models", "clf.pkl")`, a `with
// open(...) as f` of one, or a module constant holding one) reads the project's own artifact and
// is not reported. Anything else (absolute paths, URLs, `..`, variables we cannot resolve, raw
// bytes given to loads()) is. torch.load with `**kwargs` is not reported (weights_only may be there).
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
export const LOAD_CALLS = ['load', 'loads', 'Unpickler', 'read_pickle'];
const PATH_BUILDERS = /^(open|io\.open|Path|pathlib\.Path|os\.path\.join|gzip\.open|bz2\.open|lzma\.open)$/;

/** The literal path a load reads from, when it can be seen statically. */
function literalSource(file: PyFile, node: SyntaxNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const direct = stringValue(node);
  if (direct !== undefined) return direct;
  if (node.type === 'identifier') {
    const constant = file.constant(node.text);
    if (constant !== undefined) return constant;
    return literalSource(file, withTarget(file, node.text), depth + 1);
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

/** The expression bound by `with <expr> as <name>:` for a name, if any. */
function withTarget(file: PyFile, name: string): SyntaxNode | undefined {
  const offsets = matchOffsets(file.text, new RegExp(String.raw`\bas\s+(${name})\b`, 'g'), 1).map((m) => m.index);
  file.cover(offsets);
  for (const index of offsets) {
    let item: SyntaxNode | null = file.nodeAt(index, index + name.length);
    while (item && item.type !== 'as_pattern' && item.type !== 'module' && item.type !== 'block') item = item.parent;
    if (item?.type === 'as_pattern') return item.namedChildren[0];
  }
  return undefined;
}

function isOwnArtifact(file: PyFile, source: SyntaxNode | undefined): boolean {
  const path = literalSource(file, source);
  return path !== undefined && isOwnArtifactPath(path);
}

export function deserializationFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const call of callsNamed(file, LOAD_CALLS)) {
    const q = qualifiedCallee(file, call);
    if (!q) continue;
    const args = callArgs(call);
    const source = args.positional[0] ?? args.keywords.get('f')?.value ?? args.keywords.get('filepath_or_buffer')?.value ?? args.keywords.get('filename')?.value;
    const label = `${dottedName(call.childForFieldName('function'))}()`;
    if (PICKLE_LOADERS.has(q)) {
      if (!q.endsWith('loads') && isOwnArtifact(file, source)) continue;
      out.push({ ruleId: 'unsafe-deserialization', message: messages.unsafeLoad(label), start: call.startIndex, end: call.endIndex });
    } else if (q === 'torch.load') {
      const weightsOnly = args.keywords.get('weights_only');
      if (weightsOnly?.value.type === 'true' || (!weightsOnly && args.hasSplat)) continue;
      if (isOwnArtifact(file, source)) continue;
      const finding: RawFinding = {
        ruleId: 'unsafe-deserialization', message: messages.torchLoad(!!weightsOnly),
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
    }
  }
  return out;
}
