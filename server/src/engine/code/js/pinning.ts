// unpinned-model-version for JavaScript/TypeScript: moving hosted aliases where code uses them as a model
// (see the Python rule for the same idea), and transformers.js hub loads without a pinned revision.
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { aliasCandidatePattern, isAzureDeploymentName, isHubModelId, isModelNameKey, isMovingRevision, movingAliasSnapshot } from '../models';
import { isAccountingFunction, isAccountingName, isModelFactoryCall, LABEL_KEY } from '../modelSlots';
import { matchOffsets, nodeAt } from '../candidates';
import { importSources, memberName, propertyKey, storedAs, stringValue } from './syntax';

const MODEL_KEY = /model|^engine$|deployment/i;
const MODEL_NAME = /model/i;

/** Packages of Vercel AI SDK providers: `@ai-sdk/openai`, `@openrouter/ai-sdk-provider`, `ollama-ai-provider`. */
const AI_SDK_PROVIDER = /^@ai-sdk\/|ai-sdk-provider|-ai-provider$/;

/**
 * The model id given to an AI SDK provider: `openai('gpt-4o')`, `anthropic.messages('claude-3-5-sonnet-latest')`,
 * or a provider made by one of its factories (`const groq = createGroq({ ... })` then `groq('llama-3.3-70b')`).
 */
function isProviderModelArgument(str: SyntaxNode, imports: () => Map<string, string>): boolean {
  const args = str.parent;
  const call = args?.parent;
  if (args?.type !== 'arguments' || call?.type !== 'call_expression' || args.namedChildren.find((c) => c.type !== 'comment')?.id !== str.id) return false;
  const root = memberName(call.childForFieldName('function'))?.split('.')[0];
  if (!root) return false;
  const from = imports().get(root);
  if (from !== undefined) return AI_SDK_PROVIDER.test(from);
  return providerFactoryResult(call, root, imports());
}

/** `root` is declared in this file as the result of a factory imported from an AI SDK provider package. */
function providerFactoryResult(node: SyntaxNode, root: string, imports: Map<string, string>): boolean {
  let scope: SyntaxNode | null = node;
  while (scope?.parent) scope = scope.parent;
  for (const decl of scope?.descendantsOfType('variable_declarator') ?? []) {
    if (decl.childForFieldName('name')?.text !== root) continue;
    const value = decl.childForFieldName('value');
    const factory = value?.type === 'call_expression' ? memberName(value.childForFieldName('function'))?.split('.')[0] : undefined;
    if (factory && AI_SDK_PROVIDER.test(imports.get(factory) ?? '')) return true;
  }
  return false;
}

// Functions and classes that count tokens: their model parameter picks a tokenizer encoding, not a model to call.
// (`trimToTokenLimit(text, max, modelId = "gpt-4o")` only picks a tiktoken encoding.)
const TOKENIZER_SCOPE = /(?:count|num)_?[Tt]okens|[Tt]oken(?:s|izer|Counter|Manager|Count|Limit)(?![a-z])|[Tt]okeni[sz]|[Tt]iktoken|[Ee]ncoding/;

/** Name of the function or method a node is in (`const f = () => …` included). */
function enclosingFunctionName(node: SyntaxNode): string | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'function_declaration' || n.type === 'method_definition') return n.childForFieldName('name')?.text;
    if (n.type === 'arrow_function' || n.type === 'function_expression' || n.type === 'function') {
      return n.parent?.type === 'variable_declarator' ? n.parent.childForFieldName('name')?.text : undefined;
    }
  }
  return undefined;
}

/** A parameter default of a token counter (`class TokenManager { constructor(model = "gpt-3.5-turbo") … }`). */
function isTokenizerDefault(param: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = param.parent; n; n = n.parent) {
    if (n.type === 'function_declaration' || n.type === 'method_definition' || n.type === 'class_declaration' || n.type === 'class') {
      const name = n.childForFieldName('name')?.text ?? '';
      if (TOKENIZER_SCOPE.test(name)) return true;
      if (n.type === 'class_declaration' || n.type === 'class') return false;
    }
  }
  return false;
}

/**
 * An object that records spend or usage: `costTracking.addCall({ model })`, `totalUsage: { model }`,
 * `const usage = { model }`: it names the model of a call made elsewhere.
 */
function isAccountingRecord(pair: SyntaxNode): boolean {
  const obj = pair.parent;
  const holder = obj?.parent;
  if (holder?.type === 'pair' && isAccountingName(propertyKey(holder))) return true;
  if (holder?.type === 'arguments' && isAccountingName(memberName(holder.parent?.childForFieldName('function') ?? null))) return true;
  return !!obj && isAccountingName(storedAs(obj)?.split('.').pop());
}

/** Whether a string literal sits in a model-name position (see the Python rule for the same idea). */
function inModelSlot(str: SyntaxNode): boolean {
  return modelSlot(str) && !isAccountingFunction(enclosingFunctionName(str));
}

function modelSlot(str: SyntaxNode): boolean {
  const parent = str.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'pair': {
      const key = propertyKey(parent) ?? '';
      return parent.childForFieldName('value')?.id === str.id && MODEL_KEY.test(key) && !LABEL_KEY.test(key) && !isCatalogueEntry(parent) && !isAccountingRecord(parent);
    }
    case 'variable_declarator':
    case 'assignment_expression':
    case 'public_field_definition': {
      const name = storedAs(str)?.split('.').pop();
      return !!name && MODEL_NAME.test(name) && !LABEL_KEY.test(name);
    }
    case 'assignment_pattern': return MODEL_NAME.test(parent.childForFieldName('left')?.text ?? '') && !isTokenizerDefault(parent);
    case 'required_parameter':
    case 'optional_parameter': return MODEL_NAME.test(parent.childForFieldName('pattern')?.text ?? '') && !isTokenizerDefault(parent);
    case 'binary_expression': // process.env.OPENAI_MODEL ?? "gpt-4o"
      return parent.childForFieldName('right')?.id === str.id && /env\.\w*MODEL/i.test(parent.childForFieldName('left')?.text ?? '');
  }
  return false;
}

/** A catalogue alias given to a model wrapper or factory: `getModel("gpt-4o", "openai")`, `registry.languageModel("openai:gpt-4o")`. */
function isModelFactoryArgument(str: SyntaxNode): boolean {
  const args = str.parent;
  const callee = args?.type === 'arguments' ? memberName(args.parent?.childForFieldName('function') ?? null) : undefined;
  return callee !== undefined && isModelFactoryCall(callee.split('.').pop()!);
}

/** A pair in the entry of a table keyed by model name (`{ "gpt-35-turbo": { openAIModel: "gpt-3.5-turbo" } }`). */
function isCatalogueEntry(pair: SyntaxNode): boolean {
  const entry = pair.parent;
  const outer = entry?.type === 'object' ? entry.parent : null;
  if (outer?.type !== 'pair' || outer.childForFieldName('value')?.id !== entry!.id) return false;
  const key = outer.childForFieldName('key');
  return key?.type === 'string' && isModelNameKey(stringValue(key) ?? '');
}

export function pinningFindings(text: string, tree: () => SyntaxNode): RawFinding[] {
  const out: RawFinding[] = [];
  let imports: Map<string, string> | undefined;
  // Quoted tokens the catalogue's pattern lets through are screened by name; only hits touch the tree.
  for (const { index, match } of matchOffsets(text, aliasCandidatePattern('"\'`'))) {
    const snapshot = movingAliasSnapshot(match[2]);
    if (snapshot === undefined) continue;
    let str: SyntaxNode | null = nodeAt(tree(), index);
    if (str.type !== 'string' && str.type !== 'template_string') str = str.parent;
    const value = stringValue(str);
    if (!str || value !== match[2] || str.startIndex !== index) continue;
    if (inModelSlot(str) || (snapshot !== '' && isModelFactoryArgument(str)) || isProviderModelArgument(str, () => (imports ??= importSources(text, tree())))) {
      const slot = str.parent?.type === 'pair' ? propertyKey(str.parent) : undefined;
      out.push({ ruleId: 'unpinned-model-version', message: messages.movingAlias(value, snapshot, isAzureDeploymentName(value, slot)), start: str.startIndex, end: str.endIndex });
    }
  }
  // transformers.js: AutoModel.from_pretrained('org/x', { revision }) and pipeline('task', 'org/x', { revision })
  for (const { index, match } of matchOffsets(text, /\b(from_pretrained|pipeline)\s*\(/g)) {
    const nameNode = nodeAt(tree(), index, index + match[1].length);
    const callee = nameNode.parent?.type === 'member_expression' ? nameNode.parent : nameNode;
    const call = callee.parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.startIndex !== callee.startIndex) continue;
    const fn = memberName(callee) ?? '';
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    const isFromPretrained = fn.endsWith('.from_pretrained');
    if (!isFromPretrained && fn !== 'pipeline') continue;
    const model = isFromPretrained ? args[0] : args[1];
    const options = isFromPretrained ? args[1] : args[2];
    const id = stringValue(model);
    if (!model || id === undefined || !isHubModelId(id)) continue;
    if (options && (options.type !== 'object' || options.namedChildren.some((p) => p.type === 'spread_element'))) continue;
    const revision = options?.namedChildren.find((p) => propertyKey(p) === 'revision');
    if (revision) {
      // { revision: 'main' } names a branch, which moves: no pin.
      const value = revision.type === 'pair' ? revision.childForFieldName('value') : null;
      const ref = stringValue(value);
      if (value && ref !== undefined && isMovingRevision(ref)) {
        out.push({ ruleId: 'unpinned-model-version', message: messages.movingRevision(`${fn.split('.').pop()}()`, ref), start: value.startIndex, end: value.endIndex });
      }
      continue;
    }
    out.push({ ruleId: 'unpinned-model-version', message: messages.hubNoRevision(`${fn.split('.').pop()}()`, id), start: model.startIndex, end: model.endIndex });
  }
  return out;
}
