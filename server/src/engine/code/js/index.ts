// Code-level rules for JavaScript/TypeScript: llm-client-timeout, unpinned-model-version (pinning.ts),
// trust-remote-code and local-absolute-path. (No pickle in JS, so no unsafe-deserialization.)
//
// Timeout decisions, as for Python: `new OpenAI(config)` with a variable, or an options object
// with a `...spread`, is not reported (the timeout may be inside); an object without a `timeout`
// property is, unless a later call on the stored client passes an options object with `timeout`
// (`client.withOptions({ timeout })`, per-request options). JS SDK timeouts are milliseconds.
import { parseText, type CodeLanguage, type SyntaxNode, type Tree } from '../parsers';
import type { OffsetEdit, RawFinding } from '../finding';
import { messages } from '../messages';
import { personalPathSpans } from '../paths';
import { escapeRegExp, matchOffsets, nodeAt } from '../candidates';
import { pinningFindings } from './pinning';
import { importSources, memberName, propertyKey, storedAs, stringValue } from './syntax';

// Client class -> the modules it legitimately comes from.
const CLIENTS = new Map<string, RegExp>([
  ['OpenAI', /^openai$/], ['AzureOpenAI', /^openai$/], ['Anthropic', /^@anthropic-ai\//], ['AnthropicBedrock', /^@anthropic-ai\//],
  ['AnthropicVertex', /^@anthropic-ai\//], ['ChatOpenAI', /^@?langchain/], ['AzureChatOpenAI', /^@?langchain/], ['ChatAnthropic', /^@?langchain/],
]);

function hasTimeoutProperty(obj: SyntaxNode): boolean {
  return obj.namedChildren.some((p) => propertyKey(p) === 'timeout');
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

function trustAndPathFindings(text: string, tree: () => SyntaxNode): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { index } of matchOffsets(text, /trust_remote_code/g)) {
    let key: SyntaxNode | null = nodeAt(tree(), index, index + 17);
    if (key.type === 'string_fragment') key = key.parent;
    const pair = key?.parent;
    if (pair?.type === 'pair' && pair.childForFieldName('key')?.startIndex === key!.startIndex &&
        propertyKey(pair) === 'trust_remote_code' && pair.childForFieldName('value')?.type === 'true') {
      // A sibling revision: its text for the advice ({} when not a literal).
      const revision = pair.parent?.namedChildren.find((p) => p !== pair && propertyKey(p) === 'revision');
      const value = revision?.type === 'pair' ? revision.childForFieldName('value') : null;
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(revision && { value: stringValue(value) }), start: pair.startIndex, end: pair.endIndex });
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
