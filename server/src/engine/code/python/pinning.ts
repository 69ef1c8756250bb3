// unpinned-model-version for Python: moving hosted aliases used as a model name, and Hugging Face
// hub loads without revision=.
//
// A string counts as a model name only where code uses it as one: a keyword argument named like
// model/engine/deployment, an assignment or default parameter whose name contains "model", a dict
// value under a "model" key, or the default of os.getenv("..MODEL..", "x"). Comparisons, lists of
// choices and pricing tables keyed by model name are not usage.
// Hub loads: `from_pretrained`, `pipeline`, `hf_hub_download`, `snapshot_download` with a hub id
// (a literal, or a module constant assigned once) and no revision=. A variable we cannot resolve,
// `**kwargs`, or `local_files_only=True` is not reported. A revision naming a branch ("main") is no pin: reported
// at the revision, unless the model is a literal local path.
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { aliasCandidatePattern, isAzureDeploymentName, isHubModelId, isModelNameKey, isMovingRevision, movingAliasSnapshot } from '../models';
import { isAccountingFunction, isAccountingName, isModelFactoryCall, LABEL_KEY } from '../modelSlots';
import { callArgs, callsNamed, dottedName, matchOffsets, qualifiedCallee, stringValue, type PyFile } from './context';
import { enclosingFunction } from './scopes';

/** Callee names of hub loads (the last name of the callee). */
export const HUB_CALLS = ['from_pretrained', 'pipeline', 'hf_hub_download', 'snapshot_download'];
const MODEL_KEYWORD = /model|^engine$|deployment/i;
const MODEL_NAME = /model/i;

/**
 * Name of the thing a string literal is given to, when that is a model-name position. `exactAlias`: the literal is a
 * catalogue alias itself (not only `-latest`-shaped), which a positional argument of a model factory must be.
 */
function modelSlotName(file: PyFile, str: SyntaxNode, exactAlias: boolean): string | undefined {
  const slot = slotName(str, exactAlias);
  return slot !== undefined && !LABEL_KEY.test(slot) && !inAccountingFunction(file, str) ? slot : undefined;
}

function slotName(str: SyntaxNode, exactAlias: boolean): string | undefined {
  const parent = str.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'keyword_argument': {
      const name = parent.childForFieldName('name')?.text ?? '';
      // track_usage(model="gpt-4o", tokens=n): a record of a call made elsewhere.
      const call = parent.parent?.parent;
      const callee = call?.type === 'call' ? dottedName(call.childForFieldName('function')) : undefined;
      if (isAccountingName(callee)) return undefined;
      // summarization_model: str = Field(default="openai:gpt-4.1"): a settings field's default.
      if (name === 'default' && /^(?:pydantic\.|dataclasses\.)?(?:Field|field)$/.test(callee ?? '') && call!.parent?.type === 'assignment') {
        const left = dottedName(call!.parent.childForFieldName('left'))?.split('.').pop();
        return left && MODEL_NAME.test(left) ? left : undefined;
      }
      return MODEL_KEYWORD.test(name) ? name : undefined;
    }
    case 'assignment': {
      if (parent.childForFieldName('right')?.id !== str.id) return undefined;
      const left = dottedName(parent.childForFieldName('left'));
      return left && MODEL_NAME.test(left.split('.').pop()!) ? left : undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parent.childForFieldName('name')?.text ?? '';
      return MODEL_NAME.test(name) ? name : undefined;
    }
    case 'pair': {
      if (parent.childForFieldName('value')?.id !== str.id) return undefined;
      const key = stringValue(parent.childForFieldName('key'));
      return key !== undefined && MODEL_KEYWORD.test(key) && !isCatalogueEntry(parent) && !isAccountingRecord(parent) ? key : undefined;
    }
    case 'argument_list': {
      const call = parent.parent;
      const fn = call ? dottedName(call.childForFieldName('function')) : undefined;
      // get_model("gpt-4o", "openai"), init_chat_model("gpt-4o"): a wrapper given the model id.
      if (fn && exactAlias && isModelFactoryCall(fn.split('.').pop()!)) return fn;
      // os.getenv("OPENAI_MODEL", "gpt-4o") / os.environ.get(...)
      if (!fn || !/(^|\.)(getenv|get)$/.test(fn)) return undefined;
      const [key, fallback] = parent.namedChildren;
      const keyText = stringValue(key);
      return fallback?.id === str.id && keyText && MODEL_NAME.test(keyText) ? keyText : undefined;
    }
  }
  return undefined;
}

/** A pair in the entry of a dict keyed by model name (`{"gpt-35-turbo": {"model": "gpt-3.5-turbo"}}`): a table of models on offer. */
function isCatalogueEntry(pair: SyntaxNode): boolean {
  const entry = pair.parent;
  const outer = entry?.type === 'dictionary' ? entry.parent : null;
  if (outer?.type !== 'pair' || outer.childForFieldName('value')?.id !== entry!.id) return false;
  return isModelNameKey(stringValue(outer.childForFieldName('key')) ?? '');
}

/**
 * A pair of a dict that records spend or usage: `{"usage": {"model": ...}}`, `tracker.add_call({"model": ...})`,
 * `usage = {"model": ...}`.
 */
function isAccountingRecord(pair: SyntaxNode): boolean {
  const dict = pair.parent;
  const holder = dict?.parent;
  if (holder?.type === 'pair' && isAccountingName(stringValue(holder.childForFieldName('key')))) return true;
  if (holder?.type === 'argument_list' && isAccountingName(dottedName(holder.parent?.childForFieldName('function') ?? null))) return true;
  return holder?.type === 'assignment' && isAccountingName(dottedName(holder.childForFieldName('left'))?.split('.').pop());
}

/**
 * Inside a function that computes or records cost (`def estimate_cost(model="gpt-4")`): model names there key a
 * price table. The tree holds the function when the parse covered it (always for its own parameters); otherwise
 * the function is found by indentation.
 */
function inAccountingFunction(file: PyFile, node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return isAccountingFunction(n.childForFieldName('name')?.text);
    if (n.type === 'class_definition') return false;
  }
  return isAccountingFunction(enclosingFunction(file.text, node.startIndex).name);
}

/**
 * Inside an API schema's example (FastAPI `Body(example={...})`, pydantic `json_schema_extra = {"example": {...}}`):
 * documentation shown to API users, not a model the code calls.
 */
function isSchemaExample(str: SyntaxNode): boolean {
  let n: SyntaxNode | null = str.parent;
  for (let depth = 0; n && depth < 8; depth++, n = n.parent) {
    if (n.type === 'keyword_argument' && EXAMPLE_KEY.test(n.childForFieldName('name')?.text ?? '')) return true;
    if (n.type === 'pair' && EXAMPLE_KEY.test(stringValue(n.childForFieldName('key')) ?? '')) return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}
const EXAMPLE_KEY = /^(?:examples?|openapi_examples)$/;

/**
 * The default of a token-counting function's model parameter (`def num_tokens_from_messages(messages,
 * model="gpt-4.1")`): it picks a tokenizer encoding to count with, not a model to call.
 */
function isTokenizerChoice(str: SyntaxNode): boolean {
  const param = str.parent;
  // Passed to a tokenizer: `RecursiveCharacterTextSplitter.from_tiktoken_encoder(model_name="gpt-4o")`,
  // `TokenTextSplitter(model_name=...)` pick how to split text, not which model answers.
  if (param?.type === 'keyword_argument' && param.parent?.parent?.type === 'call') {
    const callee = dottedName(param.parent.parent.childForFieldName('function')) ?? '';
    return TOKENIZER_CALL.test(callee.split('.').pop() ?? '');
  }
  if (param?.type !== 'default_parameter' && param?.type !== 'typed_default_parameter') return false;
  const fn = param.parent?.parent;
  return fn?.type === 'function_definition' && /tokens?(?:_|$)|^(?:count|num)_?tokens|tokeni[sz]/i.test(fn.childForFieldName('name')?.text ?? '');
}

const TOKENIZER_CALL = /tiktoken|_encoder$|^encoding_for_model$|tokeni[sz]|^Token\w*Splitter$|^(?:count|num|get_num)_?tokens/i;

/** Text candidates of moving aliases: quoted tokens the catalogue's pattern lets through, then screened by name. */
export function aliasCandidates(file: PyFile): { index: number; value: string; snapshot: string }[] {
  return file.search('aliases', (text) => {
    const out: { index: number; value: string; snapshot: string }[] = [];
    for (const { index, match } of matchOffsets(text, aliasCandidatePattern(`"'`))) {
      const snapshot = movingAliasSnapshot(match[2]);
      if (snapshot !== undefined) out.push({ index, value: match[2], snapshot });
    }
    return out;
  });
}

function aliasFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { index, value, snapshot } of aliasCandidates(file)) {
    let str: SyntaxNode | null = file.nodeAt(index);
    while (str && str.type !== 'string' && str.startIndex >= index - 3) str = str.parent;
    if (str?.type !== 'string' || stringValue(str) !== value) continue;
    const slot = modelSlotName(file, str, snapshot !== '');
    if (slot === undefined || isSchemaExample(str) || isTokenizerChoice(str)) continue;
    out.push({ ruleId: 'unpinned-model-version', message: messages.movingAlias(value, snapshot, isAzureDeploymentName(value, slot)), start: str.startIndex, end: str.endIndex });
  }
  return out;
}

/** The model argument of a hub-loading call, with how it was written; undefined if not such a call. */
function hubLoad(file: PyFile, call: SyntaxNode): { label: string; arg?: SyntaxNode; task?: SyntaxNode } | undefined {
  const name = dottedName(call.childForFieldName('function'));
  if (!name) return undefined;
  const args = callArgs(call);
  if (name.endsWith('.from_pretrained')) {
    return { label: `${name.split('.').slice(-2).join('.')}()`, arg: args.keywords.get('pretrained_model_name_or_path')?.value ?? args.positional[0] };
  }
  const q = qualifiedCallee(file, call) ?? name;
  const last = q.split('.').pop()!;
  if (q === 'transformers.pipeline' || (q === 'pipeline' && file.imports.size === 0)) {
    const task = args.keywords.get('task')?.value ?? args.positional[0];
    return { label: 'pipeline()', arg: args.keywords.get('model')?.value ?? args.positional[1], task };
  }
  if ((last === 'hf_hub_download' || last === 'snapshot_download') && (q.startsWith('huggingface_hub') || !q.includes('.'))) {
    // repo_type="dataset" / "space" downloads are not models.
    const repoType = stringValue(args.keywords.get('repo_type')?.value);
    if (repoType !== undefined && repoType !== 'model') return undefined;
    return { label: `${last}()`, arg: args.keywords.get('repo_id')?.value ?? args.positional[0] };
  }
  return undefined;
}

function hubFindings(file: PyFile): RawFinding[] {
  const out: RawFinding[] = [];
  for (const call of callsNamed(file, HUB_CALLS)) {
    const load = hubLoad(file, call);
    if (!load) continue;
    const args = callArgs(call);
    if (args.hasSplat) continue;
    const revision = args.keywords.get('revision')?.value;
    if (args.keywords.get('local_files_only')?.value.type === 'true') continue;
    if (revision && revision.type !== 'none') {
      // revision="main" names a branch: as unpinned as no revision at all.
      // A module constant (REVISION = "main"); a lower-case name is too often a parameter to resolve by its text.
      const ref = stringValue(revision) ?? (revision.type === 'identifier' && /^[A-Z][A-Z0-9_]*$/.test(revision.text) ? file.constant(revision.text) : undefined);
      const id = load.arg && stringValue(load.arg);
      if (ref !== undefined && isMovingRevision(ref) && (id === undefined || isHubModelId(id))) {
        out.push({ ruleId: 'unpinned-model-version', message: messages.movingRevision(load.label, ref), start: revision.startIndex, end: revision.endIndex });
      }
      continue;
    }
    if (!load.arg) {
      if (load.label === 'pipeline()' && load.task && args.positional.length <= 1) {
        out.push({ ruleId: 'unpinned-model-version', message: messages.pipelineDefaultModel(load.task.text), start: call.startIndex, end: call.endIndex });
      }
      continue;
    }
    const id = stringValue(load.arg) ?? (load.arg.type === 'identifier' ? file.constant(load.arg.text) : undefined);
    if (id === undefined || !isHubModelId(id)) continue;
    out.push({ ruleId: 'unpinned-model-version', message: messages.hubNoRevision(load.label, id), start: load.arg.startIndex, end: load.arg.endIndex });
  }
  return out;
}

export function pinningFindings(file: PyFile): RawFinding[] {
  return [...aliasFindings(file), ...hubFindings(file)];
}
