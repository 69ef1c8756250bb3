// Code-level rules for JavaScript/TypeScript: llm-client-timeout, unpinned-model-version,
// trust-remote-code and local-absolute-path. (No pickle in JS, so no unsafe-deserialization.)
//
// Timeout decisions, as for Python: `new OpenAI(config)` with a variable, or an options object
// with a `...spread`, is not reported (the timeout may be inside); an object without a `timeout`
// property is, unless a later call on the stored client passes an options object with `timeout`
// (`client.withOptions({ timeout })`, per-request options). JS SDK timeouts are milliseconds.
import { parseText, type CodeLanguage, type SyntaxNode } from '../parsers';
import type { OffsetEdit, RawFinding } from '../finding';
import { messages } from '../messages';
import { isHubModelId, movingAliasSnapshot } from '../models';
import { personalPathSpans } from '../paths';

// Client class -> the modules it legitimately comes from.
const CLIENTS = new Map<string, RegExp>([
  ['OpenAI', /^openai$/], ['AzureOpenAI', /^openai$/], ['Anthropic', /^@anthropic-ai\//], ['AnthropicBedrock', /^@anthropic-ai\//],
  ['AnthropicVertex', /^@anthropic-ai\//], ['ChatOpenAI', /^@?langchain/], ['AzureChatOpenAI', /^@?langchain/], ['ChatAnthropic', /^@?langchain/],
]);
const MODEL_KEY = /model|^engine$|deployment/i;
const MODEL_NAME = /model/i;

/** local name -> module it is imported from (import ... from 'm', require('m')). */
function importSources(root: SyntaxNode): Map<string, string> {
  const sources = new Map<string, string>();
  for (const stmt of root.descendantsOfType('import_statement')) {
    const source = stringValue(stmt.childForFieldName('source'));
    if (source === undefined) continue;
    for (const id of stmt.descendantsOfType('identifier')) sources.set(id.text, source);
  }
  for (const decl of root.descendantsOfType('variable_declarator')) {
    const value = decl.childForFieldName('value');
    if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') continue;
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

function timeoutFindings(root: SyntaxNode, imports: Map<string, string>, calls: SyntaxNode[], timeoutSeconds: number): RawFinding[] {
  const out: RawFinding[] = [];
  for (const expr of root.descendantsOfType('new_expression')) {
    const ctor = memberName(expr.childForFieldName('constructor'));
    const name = ctor?.split('.').pop() ?? '';
    const fromModule = imports.get(ctor?.split('.')[0] ?? '');
    const modules = CLIENTS.get(name);
    if (!modules || (fromModule !== undefined && !modules.test(fromModule) && !ctor!.includes('.'))) continue;
    const args = expr.childForFieldName('arguments');
    if (!args) continue;
    const options = args.namedChildren.find((c) => c.type !== 'comment');
    if (options && (options.type !== 'object' || hasTimeoutProperty(options) || options.namedChildren.some((c) => c.type === 'spread_element'))) continue;
    const variable = storedAs(expr);
    const handledOnUse = variable !== undefined && calls.some((call) => {
      const fn = memberName(call.childForFieldName('function'));
      return !!fn && fn.startsWith(`${variable}.`) &&
        (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a.type === 'object' && hasTimeoutProperty(a));
    });
    if (handledOnUse) continue;
    const ms = Math.round(timeoutSeconds * 1000);
    const edit = optionsInsertEdit(args, options, ms);
    out.push({
      ruleId: 'llm-client-timeout', message: messages.clientTimeout(`new ${name}()`, 'ms'), start: expr.startIndex, end: expr.endIndex,
      fix: edit && { title: `Add timeout: ${ms} (ms)`, edits: [edit] },
    });
  }
  return out;
}

/** Whether a string literal sits in a model-name position (see the Python rule for the same idea). */
function inModelSlot(str: SyntaxNode): boolean {
  const parent = str.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'pair': return parent.childForFieldName('value')?.id === str.id && MODEL_KEY.test(propertyKey(parent) ?? '');
    case 'variable_declarator':
    case 'assignment_expression':
    case 'public_field_definition': {
      const name = storedAs(str);
      return !!name && MODEL_NAME.test(name.split('.').pop()!);
    }
    case 'assignment_pattern': return MODEL_NAME.test(parent.childForFieldName('left')?.text ?? '');
    case 'required_parameter':
    case 'optional_parameter': return MODEL_NAME.test(parent.childForFieldName('pattern')?.text ?? '');
    case 'binary_expression': // process.env.OPENAI_MODEL ?? "gpt-4o"
      return parent.childForFieldName('right')?.id === str.id && /env\.\w*MODEL/i.test(parent.childForFieldName('left')?.text ?? '');
  }
  return false;
}

function pinningFindings(root: SyntaxNode, calls: SyntaxNode[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const str of root.descendantsOfType(['string', 'template_string'])) {
    const value = stringValue(str);
    if (value === undefined || value.length > 80) continue;
    const snapshot = movingAliasSnapshot(value);
    if (snapshot !== undefined && inModelSlot(str)) {
      out.push({ ruleId: 'unpinned-model-version', message: messages.movingAlias(value, snapshot), start: str.startIndex, end: str.endIndex });
    }
  }
  // transformers.js: AutoModel.from_pretrained('org/x', { revision }) and pipeline('task', 'org/x', { revision })
  for (const call of calls) {
    const fn = memberName(call.childForFieldName('function')) ?? '';
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    const isFromPretrained = fn.endsWith('.from_pretrained');
    if (!isFromPretrained && fn !== 'pipeline') continue;
    const model = isFromPretrained ? args[0] : args[1];
    const options = isFromPretrained ? args[1] : args[2];
    const id = stringValue(model);
    if (!model || id === undefined || !isHubModelId(id)) continue;
    if (options && (options.type !== 'object' || options.namedChildren.some((p) => propertyKey(p) === 'revision' || p.type === 'spread_element'))) continue;
    out.push({ ruleId: 'unpinned-model-version', message: messages.hubNoRevision(`${fn.split('.').pop()}()`, id), start: model.startIndex, end: model.endIndex });
  }
  return out;
}

function trustAndPathFindings(root: SyntaxNode): RawFinding[] {
  const out: RawFinding[] = [];
  for (const pair of root.descendantsOfType('pair')) {
    if (propertyKey(pair) === 'trust_remote_code' && pair.childForFieldName('value')?.type === 'true') {
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: pair.startIndex, end: pair.endIndex });
    }
  }
  for (const str of root.descendantsOfType(['string', 'template_string'])) {
    for (const span of personalPathSpans(str.text)) {
      out.push({ ruleId: 'local-absolute-path', message: messages.personalPath(span.path), start: str.startIndex + span.start, end: str.startIndex + span.end });
    }
  }
  return out;
}

export function checkJavaScript(lang: CodeLanguage, text: string, cacheKey: string | undefined, timeoutSeconds: number): RawFinding[] {
  const tree = parseText(lang, text, cacheKey);
  try {
    const root = tree.rootNode;
    const calls = root.descendantsOfType('call_expression');
    return [
      ...timeoutFindings(root, importSources(root), calls, timeoutSeconds),
      ...pinningFindings(root, calls),
      ...trustAndPathFindings(root),
    ];
  } finally {
    if (cacheKey === undefined) tree.delete();
  }
}
