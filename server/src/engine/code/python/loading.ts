// unsafe-deserialization and trust-remote-code for Python.
//
// Deserialization decision: a load of the project's own artifact (a literal path inside the repository, or a
// path the same file saved earlier; artifacts.ts) is not reported, nor is a load inside a pipeline materializer
// (it reads what its own save() wrote). Anything else (absolute paths, URLs, `..`, downloaded files, variables we
// cannot resolve) is. loads() of raw bytes is reported unless the process made them itself (a pickle-protocol
// method, a round-trip copy). torch.load with `**kwargs` is not reported (weights_only may be there).
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { isOwnArtifact } from './artifacts';
import { appendKeywordEdit, callArgs, callsNamed, dottedName, matchOffsets, qualifiedCallee, stringValue, type PyFile } from './context';
import { enclosingFunction, inClassDerivedFrom } from './scopes';

const PICKLE_LOADERS = new Set([
  'pickle.load', 'pickle.loads', 'pickle.Unpickler', 'cPickle.load', 'cPickle.loads', '_pickle.load', '_pickle.loads',
  'dill.load', 'dill.loads', 'cloudpickle.load', 'cloudpickle.loads', 'joblib.load', 'sklearn.externals.joblib.load',
  'pandas.read_pickle', 'pandas.io.pickle.read_pickle',
]);
/** Callee names unsafe-deserialization verifies (the last name of the callee). */
export const LOAD_CALLS = ['load', 'loads', 'Unpickler', 'read_pickle', 'torch_load'];
// torch.load under another name: Ultralytics' wrapper passes weights_only=False unless told otherwise.
const TORCH_LOADERS = new Set(['torch.load', 'ultralytics.utils.patches.torch_load']);
// Methods that rebuild an object from the process's own pickled state (multiprocessing and cloudpickle wrappers).
const PICKLE_PROTOCOL_METHODS = new Set(['__setstate__', '__reduce__', '__reduce_ex__']);

/**
 * `pickle.loads(...)` of bytes the process made itself: inside a pickle-protocol method, or a copy by round trip
 * (`pickle.loads(pickle.dumps(obj))`).
 */
function isOwnPayload(file: PyFile, call: SyntaxNode, source: SyntaxNode | undefined): boolean {
  if (source?.type === 'call' && /(^|\.)dumps$/.test(qualifiedCallee(file, source) ?? '')) return true;
  return PICKLE_PROTOCOL_METHODS.has(enclosingFunction(file.text, call.startIndex).name);
}

export function deserializationFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const call of callsNamed(file, LOAD_CALLS)) {
    const q = qualifiedCallee(file, call);
    if (!q) continue;
    if ((PICKLE_LOADERS.has(q) || TORCH_LOADERS.has(q) || q === 'numpy.load') && inClassDerivedFrom(file.text, call.startIndex, /\w*Materializer\b/)) continue;
    const args = callArgs(call);
    const source = args.positional[0] ?? args.keywords.get('f')?.value ?? args.keywords.get('filepath_or_buffer')?.value ?? args.keywords.get('filename')?.value;
    const label = `${dottedName(call.childForFieldName('function'))}()`;
    if (PICKLE_LOADERS.has(q) && q.endsWith('loads')) {
      if (isOwnPayload(file, call, source)) continue;
      out.push({ ruleId: 'unsafe-deserialization', message: messages.unsafeLoads(label), start: call.startIndex, end: call.endIndex });
    } else if (PICKLE_LOADERS.has(q)) {
      if (isOwnArtifact(file, source, call.startIndex)) continue;
      out.push({ ruleId: 'unsafe-deserialization', message: messages.unsafeLoad(label), start: call.startIndex, end: call.endIndex });
    } else if (TORCH_LOADERS.has(q)) {
      const weightsOnly = args.keywords.get('weights_only');
      if (weightsOnly?.value.type === 'true' || (!weightsOnly && args.hasSplat)) continue;
      if (isOwnArtifact(file, source, call.startIndex)) continue;
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
      if (allow?.value.type !== 'true' || isOwnArtifact(file, source, call.startIndex)) continue;
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

/**
 * The revision= passed in the same call as `trust_remote_code=True`, for the advice: its text when it is a literal
 * or a name assigned one string in this file (`revision = "2024-04-02"`), `{}` when unreadable, undefined if none.
 */
function revisionBeside(file: PyFile, keyword: SyntaxNode): { value?: string } | undefined {
  const revision = keyword.parent?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'revision');
  const value = revision?.childForFieldName('value');
  if (!value || value.type === 'none') return undefined;
  return { value: stringValue(value) ?? (value.type === 'identifier' ? file.constant(value.text) : undefined) };
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
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(revisionBeside(file, holder)), start: holder.startIndex, end: holder.endIndex });
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
