// Python syntax helpers over tree-sitter nodes: imports, callee names, arguments, string values.
//
// Speed: walking every node of a large file through the wasm boundary is slow (~100 ms for 2,000
// lines), so rules find candidates with a regular expression over the text first and then verify
// each one in the syntax tree (a real call, a real string, not a comment or docstring).
import type { SyntaxNode } from '../parsers';
import { escapeRegExp, matchOffsets } from '../candidates';

export { matchOffsets };

// Conventional import aliases, used when a file (or notebook fragment) lacks the import line.
const CONVENTIONAL: Record<string, string> = { np: 'numpy', pd: 'pandas', jl: 'joblib' };

export interface PyFile {
  text: string;
  /** The smallest node covering [start, end): parses the statement holding it if not parsed yet. */
  nodeAt(start: number, end?: number): SyntaxNode;
  /** Parses, in one pass, the statements holding these offsets (before a loop of nodeAt calls). */
  cover(offsets: Iterable<number>): void;
  /** local name -> qualified dotted name (`np` -> numpy, `OpenAI` -> openai.OpenAI) */
  imports: Map<string, string>;
  /** The value of a name assigned exactly once in the file, to a plain string literal. */
  constant(name: string): string | undefined;
  /** A text search run once per file, however many rules (and the parse planner) ask for it. */
  search<T>(key: string, run: (text: string) => T): T;
}

/** Where the syntax comes from: a PySyntax (region parsing), or anything else that can find nodes. */
export type PySyntaxSource = Pick<PyFile, 'nodeAt' | 'cover'>;

/**
 * Nothing is parsed until a rule looks up a node, so a file where no rule finds a candidate in the
 * text is never parsed (most files of a scan).
 */
export function analysePython(text: string, syntax: PySyntaxSource): PyFile {
  return new PythonFile(text, syntax);
}

// A class, not an object literal with a getter: a literal's getter is a fresh closure per file, which gives
// each file object a map of its own, and maps live in the old generation, so that every file's text and
// memos stayed reachable (from there) until the next full collection (~120 MB of promoted garbage at 100k files).
class PythonFile implements PyFile {
  private readonly constants = new Map<string, string | undefined>();
  private readonly searches = new Map<string, unknown>();
  private importMap: Map<string, string> | undefined;

  constructor(readonly text: string, private readonly syntax: PySyntaxSource) {}

  nodeAt(start: number, end?: number): SyntaxNode {
    return this.syntax.nodeAt(start, end);
  }

  cover(offsets: Iterable<number>): void {
    this.syntax.cover(offsets);
  }

  get imports(): Map<string, string> {
    return (this.importMap ??= collectImports(this));
  }

  constant(name: string): string | undefined {
    if (!this.constants.has(name)) this.constants.set(name, findConstant(this, name));
    return this.constants.get(name);
  }

  search<T>(key: string, run: (text: string) => T): T {
    if (!this.searches.has(key)) this.searches.set(key, run(this.text));
    return this.searches.get(key) as T;
  }
}

/** Import statements (module level or nested) start on these lines. */
export const IMPORT_LINE = /^[ \t]*(import|from)[ \t]/gm;

export function importOffsets(file: PyFile): number[] {
  return file.search('imports', (text) => matchOffsets(text, IMPORT_LINE, 1).map((m) => m.index));
}

// Compiled once per list of names (the rules use a handful of lists).
const callPatterns = new Map<string, RegExp>();

/** Text candidates of calls to one of `names`: where the name starts and ends. */
export function callCandidates(file: PyFile, names: string[]): { start: number; end: number }[] {
  if (!names.length) return [];
  const key = names.join('|');
  return file.search(`calls:${key}`, (text) => {
    let pattern = callPatterns.get(key);
    if (!pattern) callPatterns.set(key, (pattern = new RegExp(String.raw`(?<![\w])(${names.map(escapeRegExp).join('|')})\s*\(`, 'g')));
    return matchOffsets(text, pattern).map(({ index, match }) => ({ start: index, end: index + match[1].length }));
  });
}

/**
 * Calls whose callee ends in one of `names` (`OpenAI(`, `torch.load(`), verified in the tree: the
 * name is the callee's last identifier, not text in a comment or string.
 */
export function callsNamed(file: PyFile, names: string[]): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  for (const { start, end } of callCandidates(file, names)) {
    const call = callOfName(file.nodeAt(start, end));
    if (call) calls.push(call);
  }
  return calls;
}

/** The call whose callee ends with this identifier node, if it is one. */
export function callOfName(name: SyntaxNode): SyntaxNode | undefined {
  if (name.type !== 'identifier') return undefined;
  let callee = name;
  if (callee.parent?.type === 'attribute' && callee.parent.endIndex === callee.endIndex) callee = callee.parent;
  const call = callee.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.startIndex === callee.startIndex ? call : undefined;
}

function collectImports(file: PyFile): Map<string, string> {
  const imports = new Map<string, string>();
  const offsets = importOffsets(file);
  file.cover(offsets);
  for (const index of offsets) {
    let stmt: SyntaxNode | null = file.nodeAt(index);
    while (stmt && stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement' && stmt.type !== 'module') stmt = stmt.parent;
    if (!stmt || stmt.type === 'module') continue;
    const moduleNode = stmt.type === 'import_from_statement' ? stmt.childForFieldName('module_name') : null;
    const from = moduleNode ? moduleNode.text.replace(/\s+/g, '') : '';
    for (const child of stmt.childrenForFieldName('name')) {
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text ?? '';
        const alias = child.childForFieldName('alias')?.text ?? '';
        if (alias) imports.set(alias, from ? `${from}.${name}` : name);
      } else if (from) {
        imports.set(child.text, `${from}.${child.text}`);
      } else {
        const head = child.text.split('.')[0];
        imports.set(head, head);
      }
    }
  }
  return imports;
}

/** True when the last non-blank character before `index` on its line is `(` or `,`. */
function afterOpenOrComma(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    return c === 0x28 || c === 0x2c;
  }
  return false;
}

function findConstant(file: PyFile, name: string): string | undefined {
  const pattern = new RegExp(String.raw`(?<![\w.])${escapeRegExp(name)}\s*(?::[^=\n]*)?=(?!=)`, 'g');
  // `f(scale=2)` and `def f(x, scale=1.35)` are keyword arguments and defaults, never an assignment whose
  // whole left side is the name: skip them without a parse (parameters named like the constant are common).
  const offsets = matchOffsets(file.text, pattern).map((m) => m.index).filter((i) => !afterOpenOrComma(file.text, i));
  file.cover(offsets);
  let value: string | undefined;
  let count = 0;
  for (const index of offsets) {
    const id = file.nodeAt(index, index + name.length);
    const assignment = id.parent;
    if (id.type !== 'identifier' || assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.startIndex !== id.startIndex) continue;
    count++;
    value = stringValue(assignment.childForFieldName('right'));
  }
  return count === 1 ? value : undefined;
}

/** Dotted text of a callee made of names and attributes (`torch.load`, `self.client.chat.create`), else undefined. */
export function dottedName(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute')?.text;
    return object !== undefined && attr ? `${object}.${attr}` : undefined;
  }
  return undefined;
}

/** The callee's name with its first segment resolved through the imports: `np.load` -> `numpy.load`. */
export function qualifiedCallee(file: PyFile, call: SyntaxNode): string | undefined {
  const name = dottedName(call.childForFieldName('function'));
  if (!name) return undefined;
  const [head, ...rest] = name.split('.');
  const resolved = file.imports.get(head) ?? CONVENTIONAL[head] ?? head;
  return [resolved, ...rest].join('.');
}

/** True when the callee's head name comes from an import (so a bare `OpenAI` defined locally is not the SDK's). */
export function isImportedHead(file: PyFile, call: SyntaxNode): boolean {
  const name = dottedName(call.childForFieldName('function'));
  return !!name && file.imports.has(name.split('.')[0]);
}

export interface CallArgs {
  node: SyntaxNode | null;
  positional: SyntaxNode[];
  keywords: Map<string, { node: SyntaxNode; value: SyntaxNode }>;
  /** `**kwargs` or `*args` present: arguments we cannot see */
  hasSplat: boolean;
}

export function callArgs(call: SyntaxNode): CallArgs {
  const node = call.childForFieldName('arguments');
  const args: CallArgs = { node, positional: [], keywords: new Map(), hasSplat: false };
  if (node?.type !== 'argument_list') return args;
  for (const arg of node.namedChildren) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) args.keywords.set(name, { node: arg, value });
    } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
      args.hasSplat = true;
    } else if (arg.type !== 'comment') {
      args.positional.push(arg);
    }
  }
  return args;
}

/** Static value of a plain string literal or concatenation of them (no f-string interpolation), else undefined. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const v = stringValue(part);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string' || node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return node.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

/** A string used as a statement on its own: a docstring or a commented-out block. Not code. */
export function isBareStringStatement(node: SyntaxNode): boolean {
  let current: SyntaxNode = node;
  if (current.parent?.type === 'concatenated_string') current = current.parent;
  return current.parent?.type === 'expression_statement' && current.parent.namedChildCount === 1;
}

/** Python source for inserting `name=value` as the last argument of a call. */
export function appendKeywordEdit(args: SyntaxNode, text: string): { start: number; end: number; newText: string } {
  const real = args.namedChildren.filter((c) => c.type !== 'comment');
  const last = real[real.length - 1];
  if (!last) return { start: args.startIndex + 1, end: args.startIndex + 1, newText: text };
  return { start: last.endIndex, end: last.endIndex, newText: `, ${text}` };
}
