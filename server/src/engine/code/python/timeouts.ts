// llm-client-timeout for Python.
//
// Decisions: a client built with `**kwargs`/`*args` is not reported (its timeout may be in there;
// we cannot see it), nor one given `http_client=` (the custom httpx client carries its own
// timeout). A client is also fine when any later call on the variable it is stored in passes
// timeout= (`client.with_options(timeout=...)`, or a per-request `timeout=`). `max_retries` is not a
// timeout. requests.* has no default timeout, so calls to model endpoints without one are reported;
// httpx defaults to 5 s, so only an explicit `timeout=None` is reported there, and (as for requests) only on a
// call to a model endpoint.
import type { SyntaxNode } from '../parsers';
import type { RawFinding } from '../finding';
import { messages } from '../messages';
import { testText } from '../../rules/requiredLiterals';
import { escapeRegExp } from '../candidates';
import { functionText } from './scopes';
import { appendKeywordEdit, callArgs, callsNamed, dottedName, isImportedHead, matchOffsets, qualifiedCallee, stringValue, type PyFile } from './context';

const SDK_CLIENTS = new Set([
  'openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI',
  'anthropic.Anthropic', 'anthropic.AsyncAnthropic', 'anthropic.AnthropicBedrock', 'anthropic.AsyncAnthropicBedrock',
  'anthropic.AnthropicVertex', 'anthropic.AsyncAnthropicVertex',
  // The SDKs' other names for the same classes.
  'openai.Client', 'openai.AsyncClient', 'anthropic.Client', 'anthropic.AsyncClient',
]);
// Names too common to trust without an import from the SDK (httpx has a Client too).
const GENERIC_NAMES = new Set(['Client', 'AsyncClient']);
// LangChain's chat models, its completion models (langchain_openai.OpenAI, langchain.llms.OpenAI), and
// init_chat_model, which passes timeout= on to the chat model it builds.
const LANGCHAIN_CLIENTS = new Set(['ChatOpenAI', 'AzureChatOpenAI', 'ChatAnthropic', 'OpenAI', 'AzureOpenAI', 'init_chat_model']);
const CLIENT_NAMES = [...new Set([...[...SDK_CLIENTS].map((c) => c.split('.')[1]), ...LANGCHAIN_CLIENTS])];
const CLIENT_ALIAS = new RegExp(String.raw`\b(?:${CLIENT_NAMES.join('|')})[ \t]+as[ \t]+([A-Za-z_]\w*)`, 'g');
const TIMEOUT_KEYWORDS = ['timeout', 'request_timeout', 'default_request_timeout'];
const REQUESTS_CALLS = new Set(['get', 'post', 'put', 'patch', 'request']);
const HTTPX_CALLS = new Set(['get', 'post', 'put', 'patch', 'request', 'stream', 'Client', 'AsyncClient']);

// What marks a URL or a variable holding one as a model endpoint.
// Ollama's /api/chat ends the path: Slack's /api/chat.postMessage is a chat app's API, not a model's.
const ENDPOINT_URL = /\/v1\/(chat\/)?completions|\/v1\/messages|\/v1\/embeddings|\/v1\/responses|api\.openai\.com|api\.anthropic\.com|openai\.azure\.com|generativelanguage\.googleapis|aiplatform\.googleapis|api-inference\.huggingface|inference\.huggingface|endpoints\.huggingface|api\.cohere|api\.mistral\.ai|api\.groq\.com|api\.together|api\.replicate|api\.deepseek|openrouter\.ai|:11434|\/api\/(generate|chat)(?=$|[/?#"'\s])|\/invocations\b|\/predict\b|\/generate\b|\/infer\b|\/v2\/models\//i;
// Bare `endpoint` and `base_url` are left out: search APIs, kernel gateways and webhooks use them as much as model
// servers do (a model server's URL usually says so: llm_endpoint, model_base_url, /v1/completions).
const ENDPOINT_NAME = /llm|model|openai|anthropic|inference|completion|predict|ollama|generat|embedding|api_base|chat_url|vllm|tgi|triton|sagemaker/i;
// `import requests`, `import requests as r`, `import os, requests`, `from requests import post`.
const importsModule = (name: string) =>
  new RegExp(String.raw`^[ \t]*(?:import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*${name}\b|from[ \t]+${name}\b)`, 'm');
const IMPORTS_REQUESTS = importsModule('requests');
const IMPORTS_HTTPX = importsModule('httpx');
const PAYLOAD_KEYS = new Set(['model', 'messages', 'prompt', 'inputs', 'max_tokens', 'max_new_tokens', 'temperature']);

/** Which SDK client, if any, this call constructs ('OpenAI', 'ChatOpenAI', ...). */
function clientName(file: PyFile, call: SyntaxNode): string | undefined {
  const q = qualifiedCallee(file, call);
  if (!q) return undefined;
  const last = q.split('.').pop()!;
  if (SDK_CLIENTS.has(q)) return last;
  // init_chat_model("ollama:llama3"): a local model, whose client takes no timeout= (client_kwargs instead).
  if (last === 'init_chat_model' && /\bollama\b/.test(callArgs(call).node?.text ?? '')) return undefined;
  if (LANGCHAIN_CLIENTS.has(last) && (q.startsWith('langchain') || (!q.includes('.') && !isImportedHead(file, call)))) return last;
  // A bare name with no import in this file (a notebook fragment, a star import): trust the SDK name.
  if (!q.includes('.') && !GENERIC_NAMES.has(q) && !isImportedHead(file, call) && [...SDK_CLIENTS].some((c) => c.endsWith(`.${q}`))) return q;
  return undefined;
}

/** The variable a call's result is stored in (`client = OpenAI()`, `self.client = ...`), if any. */
function assignedTo(call: SyntaxNode): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id) {
    return dottedName(parent.childForFieldName('left'));
  }
  return undefined;
}

function passesTimeout(call: SyntaxNode): boolean {
  const args = callArgs(call);
  return TIMEOUT_KEYWORDS.some((k) => args.keywords.has(k) && args.keywords.get(k)!.value.type !== 'none');
}

/** Text candidates of `timeout=`-style keyword arguments: where the keyword starts and ends. */
export function timeoutKeywordCandidates(file: PyFile): { start: number; end: number }[] {
  return file.search('timeout-keywords', (text) => matchOffsets(text, /(?<![\w])(timeout|request_timeout|default_request_timeout)\s*=(?!=)/g, 1)
    .map(({ index, match }) => ({ start: index, end: index + match[1].length })));
}

/** Dotted callee names of the calls that pass a timeout keyword (computed once per file). */
function callsPassingTimeout(file: PyFile): string[] {
  const names: string[] = [];
  const offsets = timeoutKeywordCandidates(file);
  file.cover(offsets.map((c) => c.start));
  for (const { start, end } of offsets) {
    const kw = file.nodeAt(start, end).parent;
    const call = kw?.type === 'keyword_argument' ? kw.parent?.parent : undefined;
    if (call?.type !== 'call' || kw!.childForFieldName('value')?.type === 'none') continue;
    const name = dottedName(call.childForFieldName('function'));
    if (name) names.push(name);
  }
  return names;
}

/** `OpenAI().with_options(timeout=...)` or a later `client.<...>(..., timeout=...)` on the stored client. */
function timeoutGivenOnUse(call: SyntaxNode, timeoutCalls: () => string[]): boolean {
  const attr = call.parent;
  if (attr?.type === 'attribute' && attr.parent?.type === 'call' && passesTimeout(attr.parent)) return true;
  const variable = assignedTo(call);
  return !!variable && timeoutCalls().some((name) => name.startsWith(`${variable}.`));
}

function isModelEndpoint(file: PyFile, url: SyntaxNode | undefined, args: ReturnType<typeof callArgs>): boolean {
  const payload = args.keywords.get('json')?.value;
  if (payload?.type === 'dictionary') {
    const modelPayload = payload.namedChildren.some((pair) => {
      const key = stringValue(pair.childForFieldName('key'));
      return key !== undefined && PAYLOAD_KEYS.has(key);
    });
    if (modelPayload) return true;
  }
  if (!url) return false;
  // API_URL = "https://api-inference.huggingface.co/models/..." then requests.post(API_URL, ...)
  const constant = url.type === 'identifier' ? file.constant(url.text) : undefined;
  const text = constant ?? url.text;
  if (ENDPOINT_URL.test(text)) return true;
  if (url.type === 'string') return false;
  if (constant === undefined && (url.type === 'identifier' || url.type === 'attribute')) {
    // A name the file sets to URLs (in branches, or in __init__) is known by those URLs, not by its name.
    const urls = assignedUrls(file, url.text);
    if (urls.length) return urls.some((u) => ENDPOINT_URL.test(u));
  }
  if (constant === undefined) return ENDPOINT_NAME.test(text.replace(/"[^"]*"|'[^']*'/g, ''));
  // A resolved URL is judged by the name the code gives it and by whole words of the URL: a host such as
  // openaipublic.blob.core.windows.net (a dataset download) is no model server, /chat/completions is.
  return ENDPOINT_NAME.test(url.text) || ENDPOINT_WORD.test(constant);
}
const ENDPOINT_WORD = /(?<![a-z0-9_])(?:llms?|models?|openai|anthropic|inference|completions?|predict(?:ions?)?|ollama|generate|embeddings?|vllm|tgi|triton|sagemaker)(?![a-z0-9_])/i;

/** The http(s) URL literals the file assigns to this name or attribute anywhere (`base_url = "https://…"`). */
function assignedUrls(file: PyFile, name: string): string[] {
  return file.search(`urls-of:${name}`, (text) => {
    const pattern = new RegExp(String.raw`(?<![\w.])${escapeRegExp(name)}[ \t]*(?::[^=\n]*)?=[ \t]*[rRuU]?(["'])(https?:\/\/[^"'\n]*)\1`, 'g');
    return matchOffsets(text, pattern).map(({ match }) => match[2]);
  });
}

/**
 * A requests/httpx call (or httpx client) whose URL is a model endpoint's: the app's own server
 * (`httpx.get(f"{self.local_api_url}startup-events", timeout=None)`) or an unknown URL is not a model call.
 */
function callsModelEndpoint(file: PyFile, call: SyntaxNode, q: string, args: ReturnType<typeof callArgs>): boolean {
  const fn = q.split('.')[1];
  if (fn === 'Client' || fn === 'AsyncClient') {
    // A client is known by its base_url, by the name the code gives it (llm_client = httpx.AsyncClient(...)), or
    // by the model endpoint the function using it calls (`async with httpx.AsyncClient(timeout=None) as c:` then
    // `c.stream("POST", f"{base}/v1/chat/completions")`).
    const base = args.keywords.get('base_url')?.value;
    return isModelEndpoint(file, base, args) || ENDPOINT_NAME.test(assignedTo(call) ?? '') || ENDPOINT_URL.test(enclosingFunctionText(file, call));
  }
  const url = args.keywords.get('url')?.value ?? args.positional[fn === 'request' || fn === 'stream' ? 1 : 0];
  return isModelEndpoint(file, url, args);
}


/**
 * The text of the function holding a node: from the tree when the parse covered the function, else found by
 * indentation (the parse around a call may cover only its statement); the whole text at module level.
 */
function enclosingFunctionText(file: PyFile, node: SyntaxNode): string {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n.text;
  return functionText(file.text, node.startIndex);
}

function isHttpCall(q: string | undefined): boolean {
  const [module, fn, extra] = q?.split('.') ?? [];
  if (extra !== undefined || !fn) return false;
  return (module === 'requests' && REQUESTS_CALLS.has(fn)) || (module === 'httpx' && HTTPX_CALLS.has(fn));
}

/** Callee names llm-client-timeout verifies in this text (the last name of the callee). */
export function timeoutCallNames(file: PyFile): string[] {
  return file.search('timeout-call-names', (text) => {
    const names = [...CLIENT_NAMES];
    // `from langchain_openai import OpenAI as CompletionLLM`: the alias is the name calls use.
    if (text.includes(' as ')) for (const { match } of matchOffsets(text, CLIENT_ALIAS)) names.push(match[1]);
    // Only files that import the library can call it; a bare `.get(` (dict.get) would otherwise force a parse of
    // nearly every file, and parsing is most of a scan's CPU.
    if (testText(IMPORTS_REQUESTS, text)) names.push(...REQUESTS_CALLS);
    if (testText(IMPORTS_HTTPX, text)) names.push(...HTTPX_CALLS);
    return [...new Set(names)];
  });
}

export function timeoutFindings(file: PyFile, defaultTimeout: number): RawFinding[] {
  const out: RawFinding[] = [];
  let passingTimeout: string[] | undefined;
  const timeoutCalls = () => (passingTimeout ??= callsPassingTimeout(file));
  for (const call of callsNamed(file, timeoutCallNames(file))) {
    const args = callArgs(call);
    if (!args.node || args.node.type !== 'argument_list') continue;
    const client = clientName(file, call);
    const q = client ? undefined : qualifiedCallee(file, call);
    const timeoutArg = args.keywords.get('timeout');
    if (timeoutArg?.value.type === 'none' && (client || (isHttpCall(q) && callsModelEndpoint(file, call, q!, args)))) {
      out.push({
        ruleId: 'llm-client-timeout', message: messages.timeoutNone(client ?? q!),
        start: timeoutArg.node.startIndex, end: timeoutArg.node.endIndex,
        fix: { title: `Set timeout=${defaultTimeout}`, edits: [{ start: timeoutArg.value.startIndex, end: timeoutArg.value.endIndex, newText: String(defaultTimeout) }] },
      });
      continue;
    }
    if (client) {
      if (args.hasSplat || args.keywords.has('http_client') || passesTimeout(call) || timeoutGivenOnUse(call, timeoutCalls)) continue;
      out.push({
        ruleId: 'llm-client-timeout', message: messages.clientTimeout(client, 'seconds'),
        start: call.startIndex, end: call.endIndex,
        fix: { title: `Add timeout=${defaultTimeout}`, edits: [appendKeywordEdit(args.node, `timeout=${defaultTimeout}`)] },
      });
      continue;
    }
    const parts = q?.split('.') ?? [];
    if (parts.length === 2 && parts[0] === 'requests' && REQUESTS_CALLS.has(parts[1])) {
      if (args.hasSplat || args.keywords.has('timeout')) continue;
      const url = args.keywords.get('url')?.value ?? args.positional[parts[1] === 'request' ? 1 : 0];
      if (!isModelEndpoint(file, url, args)) continue;
      out.push({
        ruleId: 'llm-client-timeout', message: messages.requestTimeout(`requests.${parts[1]}`),
        start: call.startIndex, end: call.endIndex,
        fix: { title: `Add timeout=${defaultTimeout}`, edits: [appendKeywordEdit(args.node, `timeout=${defaultTimeout}`)] },
      });
    }
  }
  return out;
}
