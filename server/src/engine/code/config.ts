// Code-level rules in data files: YAML and JSON (parsed, with exact source ranges) and .env
// (line-based; it has no structure). Rules: trust-remote-code (a trust_remote_code key set to
// true), unpinned-model-version (a moving alias under a model-like key; a hub id under a
// model_name_or_path-like key with no sibling revision key, or a revision naming a branch), local-absolute-path
// (in single-line values). A document whose root is a list holds records, not settings: not reported.
// Which files are read at all: dataFiles.ts.
import { parseJsonTree, type JsonNode } from './json';
import { isMap, isPair, isScalar, parseAllDocuments, visit, type Scalar } from 'yaml';
import type { RawFinding } from './finding';
import { messages } from './messages';
import { isAzureDeploymentName, isHubModelId, isMovingRevision, movingAliasSnapshot } from './models';
import { personalPathSpans } from './paths';

const MODEL_KEY = /model|^engine$|deployment/i;
const HUB_KEY = /^(model_name_or_path|pretrained_model_name_or_path|base_model|base_model_name_or_path|model_id|model_name|tokenizer_name|tokenizer_name_or_path)$/i;
const MAX_PATH_VALUE = 400;
const REVISION_KEY = /(^|_)revision$/i;
const TRUST_KEY = /^trust[_-]remote[_-]code$/i;

/** One key/value seen in a data file, with raw offsets. */
interface Entry {
  key: string;
  value: unknown;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  siblings: string[];
}

function ruleFindings(entries: Entry[], text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const e of entries) {
    if (TRUST_KEY.test(e.key) && (e.value === true || (typeof e.value === 'string' && /^(true|1|yes)$/i.test(e.value)))) {
      out.push({ ruleId: 'trust-remote-code', message: messages.trustRemoteCode(), start: e.keyStart, end: e.valueEnd });
    }
    if (typeof e.value !== 'string') continue;
    const snapshot = MODEL_KEY.test(e.key) ? movingAliasSnapshot(e.value) : undefined;
    if (snapshot !== undefined) {
      out.push({ ruleId: 'unpinned-model-version', message: messages.movingAlias(e.value, snapshot, isAzureDeploymentName(e.value, e.key)), start: e.valueStart, end: e.valueEnd });
    } else if (HUB_KEY.test(e.key) && isHubModelId(e.value) && !e.siblings.some((k) => /revision/i.test(k))) {
      out.push({ ruleId: 'unpinned-model-version', message: messages.hubNoRevision(e.key, e.value), start: e.valueStart, end: e.valueEnd });
    } else if (REVISION_KEY.test(e.key) && isMovingRevision(e.value) && e.siblings.some((k) => HUB_KEY.test(k))) {
      out.push({ ruleId: 'unpinned-model-version', message: messages.movingRevision(e.key, e.value), start: e.valueStart, end: e.valueEnd });
    }
    // A path inside prose (an issue body, a log message) is quoted text, not a setting.
    if (e.valueEnd - e.valueStart > MAX_PATH_VALUE || e.value.includes('\n')) continue;
    for (const span of personalPathSpans(text.slice(e.valueStart, e.valueEnd))) {
      // `../:/home/devel/app` (a compose volume, `host:container`): the right side is inside a container.
      if (text[e.valueStart + span.start - 1] === ':') continue;
      out.push({ ruleId: 'local-absolute-path', message: messages.personalPath(span.path), start: e.valueStart + span.start, end: e.valueStart + span.end });
    }
  }
  return out;
}

function yamlEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, strict: false, logLevel: 'error' })) {
    // A document that is a list at its root holds records (test cases, prices, traces), not settings.
    if (!('contents' in doc) || !isMap(doc.contents)) continue;
    visit(doc, {
      Pair(_, pair, path) {
        const key = pair.key;
        const value = pair.value;
        if (!isScalar(key) || !key.range || !isScalar(value) || !value.range) return;
        const parent = path[path.length - 1];
        const siblings = isMap(parent) ? parent.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : '')) : [];
        entries.push({
          key: String(key.value), value: (value as Scalar).value, keyStart: key.range[0],
          valueStart: value.range[0], valueEnd: value.range[1], siblings,
        });
      },
      Scalar(_, node, path) {
        // Sequence items and other values not under a key: only the path rule applies.
        if (isPair(path[path.length - 1]) || !node.range || typeof node.value !== 'string') return;
        entries.push({ key: '', value: node.value, keyStart: node.range[0], valueStart: node.range[0], valueEnd: node.range[1], siblings: [] });
      },
    });
  }
  return entries;
}

function jsonEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (node: JsonNode | undefined, siblings: string[], key: string | undefined, keyStart: number): void => {
    if (!node) return;
    if (node.type === 'object') {
      const props = node.properties ?? [];
      const names = props.map((p) => String(p.key.value));
      for (const p of props) walk(p.value, names, String(p.key.value), p.key.offset);
    } else if (node.type === 'array') {
      for (const child of node.items ?? []) walk(child, [], undefined, child.offset);
    } else {
      entries.push({ key: key ?? '', value: node.value, keyStart, valueStart: node.offset, valueEnd: node.offset + node.length, siblings });
    }
  };
  const root = parseJsonTree(text);
  // An array at the root holds records (prices, traces, issues, test cases), not settings.
  if (root?.type === 'object') walk(root, [], undefined, 0);
  return entries;
}

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

function envEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  const keys: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = ENV_LINE.exec(line.replace(/\r$/, ''));
    if (m) {
      let raw = m[2];
      let start = offset + line.indexOf(raw, line.indexOf('=') + 1);
      const quoted = /^(["'])(.*)\1$/.exec(raw);
      if (quoted) { raw = quoted[2]; start += 1; } else raw = raw.replace(/[ \t]+#.*$/, '');
      keys.push(m[1]);
      entries.push({ key: m[1], value: raw, keyStart: offset + line.indexOf(m[1]), valueStart: start, valueEnd: start + raw.length, siblings: keys });
    }
    offset += line.length + 1;
  }
  return entries;
}

export function checkDataFile(kind: 'yaml' | 'json' | 'env', text: string): RawFinding[] {
  const entries = kind === 'yaml' ? yamlEntries(text) : kind === 'json' ? jsonEntries(text) : envEntries(text);
  return ruleFindings(entries, text);
}
