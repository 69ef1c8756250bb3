// Code-level rules for JavaScript/TypeScript: llm-client-timeout, unpinned-model-version,
// trust-remote-code and local-absolute-path. (No pickle in JS, so no unsafe-deserialization.)
//
// Timeout decisions, as for Python: `new OpenAI(config)` with a variable, or an options object
// with a `...spread`, is not reported (the timeout may be inside); an object without a `timeout`
// property is, unless a later call on the stored client passes an options object with `timeout`
// (`client.withOptions({ timeout })`, per-request options). JS SDK timeouts are milliseconds.
import { parseText, type CodeLanguage, type SyntaxNode, type Tree } from '../parsers';
import type { OffsetEdit, RawFinding } from '../finding';
import { messages } from '../messages';
import { aliasCandidatePattern, isHubModelId, isModelNameKey, isMovingRevision, movingAliasSnapshot } from '../models';
import { personalPathSpans } from '../paths';
import { escapeRegExp, matchOffsets, nodeAt } from '../candidates';

// Client class -> the modules it legitimately comes from.
const CLIENTS = new Map<string, RegExp>([
  ['OpenAI', /^openai$/], ['AzureOpenAI', /^openai$/], ['Anthropic', /^@anthropic-ai\//], ['AnthropicBedrock', /^@anthropic-ai\//],
  ['AnthropicVertex', /^@anthropic-ai\//], ['ChatOpenAI', /^@?langchain/], ['AzureChatOpenAI', /^@?langchain/], ['ChatAnthropic', /^@?langchain/],
]);
const MODEL_KEY = /model|^engine$|deployment/i;
const MODEL_NAME = /model/i;

/** local name -> module it is imported from (import ... from 'm', require('m')). */
function importSources(text: string, root: SyntaxNode): Map<string, string> {
  const sources = new Map<string, string>();
  for (const { index } of matchOffsets(text, /^[ \t]*(import)\b/gm, 1)) {
    const stmt = nodeAt(root, index).parent;
    if (stmt?.type !== 'import_statement') continue;
    const source = stringValue(stmt.childForFieldName('source'));
    if (source === undefined) continue;
    for (const id of stmt.descendantsOfType('identifier')) sources.set(id.text, source);
  }
  for (const { index } of matchOffsets(text, /\brequire\s*\(/g)) {
    const value = nodeAt(root, index, index + 7).parent;
    const decl = value?.parent;
    if (value?.type !== 'call_expression' || decl?.type !== 'variable_declarator' || value.childForFieldName('function')?.text !== 'require') continue;
    const source = stringValue(value.childForFieldName('arguments')?.namedChildren[0]);
    const name = decl.childForFieldName('name');
    if (source === undefined || !name) continue;
    for (const id of name.type === 'identifier' ? [name] : name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
      sources.set(id.text, source);
    }
  }
  return sources;
}

/** Static value of a quoted string or a template string with no substitution. */
function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'template_string')) return undefined;
  if (node.namedChildren.some((c) => c.type === 'template_substitution')) return undefined;
  return node.text.slice(1, -1);
}

function propertyKey(node: SyntaxNode): string | undefined {
  if (node.type === 'shorthand_property_identifier') return node.text;
  if (node.type !== 'pair') return undefined;
  const key = node.childForFieldName('key');
  return key?.type === 'property_identifier' ? key.text : stringValue(key);
}

function hasTimeoutProperty(obj: SyntaxNode): boolean {
  return obj.namedChildren.some((p) => propertyKey(p) === 'timeout');
}

/** `a.b.c` text of an identifier/member chain, else undefined. */
function memberName(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'this') return node.text;
  if (node.type === 'member_expression') {
    const object = memberName(node.childForFieldName('object'));
    const prop = node.childForFieldName('property')?.text;
    return object !== undefined && prop ? `${object}.${prop}` : undefined;
  }
  return undefined;
}

/** Name a value is stored under: `const c = <v>`, `this.c = <v>`. */
function storedAs(value: SyntaxNode): string | undefined {
  const parent = value.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === value.id) return memberName(parent.childForFieldName('name'));
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === value.id) return memberName(parent.childForFieldName('left'));
  if (parent?.type === 'public_field_definition') return `this.${parent.childForFieldName('name')?.text}`;
  return undefined;
}

function optionsInsertEdit(args: SyntaxNode, options: SyntaxNode | undefined, timeoutMs: number): OffsetEdit | undefined {
  if (!options) return { start: args.startIndex + 1, end: args.startIndex + 1, newText: `{ timeout: ${timeoutMs} }` };
  const props = options.namedChildren.filter((c) => c.type !== 'comment');
  const last = props[props.length - 1];
  if (!last) return { start: options.startIndex + 1, end: options.endIndex - 1, newText: ` timeout: ${timeoutMs} ` };
  return { start: last.endIndex, end: last.endIndex, newText: `, timeout: ${timeoutMs}` };
}

/** Callee names (`client.withOptions`, `client.chat.completions.create`) of calls given an options object with `timeout`. */
function callsPassingTimeout(text: string, root: SyntaxNode): string[] {
  const names: string[] = [];
  for (const { index } of matchOffsets(text, /(?<![\w$])timeout\b/g)) {
    const key = nodeAt(root, index, index + 7);
    const prop = key.type === 'shorthand_property_identifier' ? key : key.parent;
    const obj = prop?.parent;
    if (!prop || propertyKey(prop) !== 'timeout' || obj?.type !== 'object' || obj.parent?.type !== 'arguments') continue;
    const name = memberName(obj.parent.parent?.childForFieldName('function') ?? null);
    if (name) names.push(name);
  }
  return names;
}

/** `new OpenAI().withOptions({ timeout })` (the client, maybe parenthesized, is the object of a call given a timeout). */
function timeoutChainedOn(expr: SyntaxNode): boolean {
  let client = expr;
  while (client.parent?.type === 'parenthesized_expression') client = client.parent;
  const member = client.parent;
  const call = member?.parent;
  if (member?.type !== 'member_expression' || member.childForFieldName('object')?.id !== client.id) return false;
  if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== member.id) return false;
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a.type === 'object' && hasTimeoutProperty(a));
}

const NEW_CLIENT = new RegExp(String.raw`\bnew\s+[\w$.]*?\b(${[...CLIENTS.keys()].map(escapeRegExp).join('|')})\b`, 'g');
const NEW_ANY = /\bnew\s+[\w$]+\b/g;

/** Client class a module exports by default (`import Client from 'openai'`, `const Client = require('openai')`). */
const DEFAULT_CLIENT = new Map([
  ['openai', 'OpenAI'], ['@anthropic-ai/sdk', 'Anthropic'], ['@anthropic-ai/bedrock-sdk', 'AnthropicBedrock'], ['@anthropic-ai/vertex-sdk', 'AnthropicVertex'],
]);
// A client module named in a string literal: only then can a client be bound under another name (and the text
// is parsed for it only when something is constructed at all).
const CLIENT_MODULE = /['"`](?:openai|@anthropic-ai\/[\w-]+|@?langchain[\w/.-]*)['"`]/;

/**
 * Client classes bound under another local name (local name -> class), as the Python side's CLIENT_ALIAS:
 * `import { OpenAI as Client } from 'openai'`, `const { OpenAI: Api } = require('openai')`,
 * `const Client = require('openai').OpenAI`, or a module's default export (`import Client from 'openai'`).
 */
function clientAliases(text: string, tree: () => SyntaxNode): Map<string, string> {
  const aliases = new Map<string, string>();
  if (!CLIENT_MODULE.test(text) || !/\bnew\s/.test(text)) return aliases;
  const bind = (local: string | undefined, client: string | undefined, source: string | undefined) => {
    if (local && client && local !== client && source !== undefined && CLIENTS.get(client)?.test(source)) aliases.set(local, client);
  };
  const root = tree();
  for (const { index } of matchOffsets(text, /^[ \t]*(import)\b/gm, 1)) {
    const stmt = nodeAt(root, index).parent;
    if (stmt?.type !== 'import_statement') continue;
    const source = stringValue(stmt.childForFieldName('source'));
    const clause = stmt.namedChildren.find((c) => c.type === 'import_clause');
    for (const part of clause?.namedChildren ?? []) {
      if (part.type === 'identifier') bind(part.text, DEFAULT_CLIENT.get(source ?? ''), source);
      for (const spec of part.type === 'named_imports' ? part.namedChildren : []) {
        bind(spec.childForFieldName('alias')?.text, spec.childForFieldName('name')?.text, source);
      }
    }
  }
  for (const { index } of matchOffsets(text, /\brequire\s*\(/g)) {
    const call = nodeAt(root, index, index + 7).parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'require') continue;
    const source = stringValue(call.childForFieldName('arguments')?.namedChildren[0]);
    // `require('openai').OpenAI` names the class; `require('openai')` alone is the default export.
    const member = call.parent?.type === 'member_expression' && call.parent.childForFieldName('object')?.id === call.id ? call.parent : undefined;
    const decl = (member ?? call).parent;
    if (decl?.type !== 'variable_declarator' || decl.childForFieldName('value')?.id !== (member ?? call).id) continue;
    const name = decl.childForFieldName('name');
    if (name?.type === 'identifier') bind(name.text, member ? member.childForFieldName('property')?.text : DEFAULT_CLIENT.get(source ?? ''), source);
    else if (name?.type === 'object_pattern' && !member) {
      for (const pair of name.namedChildren) {
        if (pair.type === 'pair_pattern') bind(pair.childForFieldName('value')?.text, pair.childForFieldName('key')?.text, source);
      }
    }
  }
  return aliases;
}

function timeoutFindings(text: string, tree: () => SyntaxNode, timeoutSeconds: number): RawFinding[] {
  const out: RawFinding[] = [];
  let imports: Map<string, string> | undefined;
  let timeoutCallNames: string[] | undefined;
  const aliases = clientAliases(text, tree);
  const candidates = new Set(matchOffsets(text, NEW_CLIENT).map((m) => m.index));
  if (aliases.size) for (const { index } of matchOffsets(text, NEW_ANY)) candidates.add(index);
  for (const index of [...candidates].sort((a, b) => a - b)) {
    const root = tree();
    imports ??= importSources(text, root);
    const expr = nodeAt(root, index, index + 3).parent;
    if (expr?.type !== 'new_expression' || expr.startIndex !== index) continue;
    const ctor = memberName(expr.childForFieldName('constructor'));
    // An alias was checked against its module when found; a class under its own name is checked here.
    const alias = aliases.get(ctor ?? '');
    const name = alias ?? ctor?.split('.').pop() ?? '';
    const fromModule = imports.get(ctor?.split('.')[0] ?? '');
    const modules = CLIENTS.get(name);
    if (!modules || (!alias && fromModule !== undefined && !modules.test(fromModule) && !ctor!.includes('.'))) continue;
    const args = expr.childForFieldName('arguments');
    if (!args) continue;
    const options = args.namedChildren.find((c) => c.type !== 'comment');
    if (options && (options.type !== 'object' || hasTimeoutProperty(options) || options.namedChildren.some((c) => c.type === 'spread_element'))) continue;
    if (timeoutChainedOn(expr)) continue;
    const variable = storedAs(expr);
    timeoutCallNames ??= callsPassingTimeout(text, root);
    if (variable !== undefined && timeoutCallNames.some((fn) => fn.startsWith(`${variable}.`))) continue;
    const ms = Math.round(timeoutSeconds * 1000);
    const edit = optionsInsertEdit(args, options, ms);
    out.push({
      ruleId: 'llm-client-timeout', message: messages.clientTimeout(`new ${alias ? ctor : name}()`, 'ms'), start: expr.startIndex, end: expr.endIndex,
      fix: edit && { title: `Add timeout: ${ms} (ms)`, edits: [edit] },
    });
  }
  return out;
}

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
const TOKENIZER_SCOPE = /(?:count|num)_?[Tt]okens|[Tt]oken(?:s|izer|Counter|Manager|Count)(?![a-z])|[Tt]okeni[sz]|[Tt]iktoken|[Ee]ncoding/;

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

/** Whether a string literal sits in a model-name position (see the Python rule for the same idea). */
function inModelSlot(str: SyntaxNode): boolean {
  const parent = str.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'pair': return parent.childForFieldName('value')?.id === str.id && MODEL_KEY.test(propertyKey(parent) ?? '') && !isCatalogueEntry(parent);
    case 'variable_declarator':
    case 'assignment_expression':
    case 'public_field_definition': {
      const name = storedAs(str);
      return !!name && MODEL_NAME.test(name.split('.').pop()!);
    }
    case 'assignment_pattern': return MODEL_NAME.test(parent.childForFieldName('left')?.text ?? '') && !isTokenizerDefault(parent);
    case 'required_parameter':
    case 'optional_parameter': return MODEL_NAME.test(parent.childForFieldName('pattern')?.text ?? '') && !isTokenizerDefault(parent);
    case 'binary_expression': // process.env.OPENAI_MODEL ?? "gpt-4o"
      return parent.childForFieldName('right')?.id === str.id && /env\.\w*MODEL/i.test(parent.childForFieldName('left')?.text ?? '');
  }
  return false;
}

/** A pair in the entry of a table keyed by model name (`{ "gpt-35-turbo": { openAIModel: "gpt-3.5-turbo" } }`). */
function isCatalogueEntry(pair: SyntaxNode): boolean {
  const entry = pair.parent;
  const outer = entry?.type === 'object' ? entry.parent : null;
  if (outer?.type !== 'pair' || outer.childForFieldName('value')?.id !== entry!.id) return false;
  const key = outer.childForFieldName('key');
  return key?.type === 'string' && isModelNameKey(stringValue(key) ?? '');
}

function pinningFindings(text: string, tree: () => SyntaxNode): RawFinding[] {
  const out: RawFinding[] = [];
  let imports: Map<string, string> | undefined;
  // Quoted tokens the catalogue's pattern lets through are screened by name; only hits touch the tree.
  for (const { index, match } of matchOffsets(text, aliasCandidatePattern('"\'`'))) {
    const snapshot = movingAliasSnapshot(match[2]);
    if (snapshot === undefined) continue;
    let str: SyntaxNode | null = nodeAt(tree(), index);
    if (str.type !== 'string' && str.type !== 'template_string') str = str.parent;
    const value = stringValue(str);
    if (str && value === match[2] && str.startIndex === index && (inModelSlot(str) || isProviderModelArgument(str, () => (imports ??= importSources(text, tree()))))) {
      out.push({ ruleId: 'unpinned-model-version', message: messages.movingAlias(value, snapshot), start: str.startIndex, end: str.endIndex });
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

function trustAndPathFindings(text: string, tree: () => SyntaxNode): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { index } of matchOffsets(text, /trust_remote_code/g)) {
    let key: SyntaxNode | null = nodeAt(tree(), index, index + 17);
    if (key.type === 'string_fragment') key = key.parent;
    const pair = key?.parent;
    if (pair?.type === 'pair' && pair.childForFieldName('key')?.startIndex === key!.startIndex &&
        propertyKey(pair) === 'trust_remote_code' && pair.childForFieldName('value')?.type === 'true') {
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: pair.startIndex, end: pair.endIndex });
    }
  }
  // One finding per string: a captured stack trace names the same home folder in every frame.
  const reported = new Set<number>();
  for (const span of personalPathSpans(text)) {
    let str: SyntaxNode | null = nodeAt(tree(), span.start);
    if (str.type === 'string_fragment' || str.type === 'escape_sequence') str = str.parent;
    if ((str?.type !== 'string' && str?.type !== 'template_string') || span.end > str.endIndex || reported.has(str.startIndex)) continue;
    reported.add(str.startIndex);
    out.push({ ruleId: 'local-absolute-path', message: messages.personalPath(span.path), start: span.start, end: Math.min(span.end, str.endIndex - 1) });
  }
  return out;
}

export function checkJavaScript(lang: CodeLanguage, text: string, cacheKey: string | undefined, timeoutSeconds: number): RawFinding[] {
  // Parsed only when a rule's text search finds a candidate to verify: most files have none.
  let tree: Tree | undefined;
  const root = () => (tree ??= parseText(lang, text, cacheKey)).rootNode;
  try {
    return [...timeoutFindings(text, root, timeoutSeconds), ...pinningFindings(text, root), ...trustAndPathFindings(text, root)];
  } finally {
    if (cacheKey === undefined) tree?.delete();
  }
}
