// The syntax trees of one Python text, parsed on demand and only where the rules look.
//
// At the first lookup, every offset any rule will verify (its text candidates, ruleCandidates in index.ts) is
// gathered and the units holding them are parsed in one tree-sitter pass over those ranges only: the simple
// logical line holding the offset (a call or assignment, at any indentation), else the top-level statement
// (a compound statement's header cannot be parsed without its body). Node offsets stay those of the whole
// text. A later lookup outside the parsed units (a constant assigned elsewhere, say) parses the missing
// ones as a further tree. Old trees stay alive until dispose(): rules may still hold their nodes.
//
// Open documents are checked the same way on every edit. Measured on the benchmark's 1 MB module, whose 120
// hub loads sit in 120 functions: re-lexing and region-parsing costs ~40 ms per edit, while keeping a whole
// tree for incremental re-parses cost ~45 ms per edit plus ~360 ms for the first full parse.
import { parseText, type SyntaxNode, type Tree } from '../parsers';
import { nodeAt } from '../candidates';
import { lineIndexAt, rangeOfLine, rangesOfSpans, spanIndexAt, statementSpans, statementSpansAfterEdit, type StatementSpans } from './regions';

// An open document's last spans: the next edit re-lexes only from the statement it touches (a 1 MB module costs
// ~9 ms to lex whole, on every keystroke). Bounded like the parser's tree cache.
const lastSpans = new Map<string, { text: string; spans: StatementSpans }>();
const SPANS_CACHE_SIZE = 16;
const MIN_CACHED_TEXT = 64 * 1024;

function spansOf(text: string, cacheKey: string | undefined): StatementSpans {
  // Small texts lex in well under a millisecond: not worth holding on to.
  if (cacheKey === undefined || text.length < MIN_CACHED_TEXT) return statementSpans(text);
  const previous = lastSpans.get(cacheKey);
  const spans = previous === undefined ? statementSpans(text) : previous.text === text ? previous.spans : statementSpansAfterEdit(previous.text, previous.spans, text);
  lastSpans.delete(cacheKey);
  lastSpans.set(cacheKey, { text, spans });
  while (lastSpans.size > SPANS_CACHE_SIZE) lastSpans.delete(lastSpans.keys().next().value as string);
  return spans;
}

/** Tests switch region parsing off to compare against a full parse; nothing else touches this. */
export const pythonParsing = { regions: true };

// When the statements to parse hold most of the text anyway, one full parse is as cheap.
const FULL_PARSE_SHARE = 0.6;

export class PySyntax {
  private spans: StatementSpans | undefined;
  /** The tree that parsed each span, by span index. */
  private treeOfSpan: (Tree | undefined)[] = [];
  /** The tree that parsed each simple logical line parsed on its own, by line index. */
  private readonly treeOfLine = new Map<number, Tree>();
  private fullTree: Tree | undefined;
  private readonly owned: Tree[] = [];
  /** Text parsed so far by region parses: once most of the text, one full parse is cheaper. */
  private parsedUnits = 0;

  /**
   * `cacheKey` (an open document) makes full parses incremental through the parser cache, which owns
   * that tree. `candidates` lists the offsets the rules will look up, computed at the first lookup.
   */
  constructor(
    private readonly text: string,
    private readonly cacheKey: string | undefined,
    private readonly candidates: () => Iterable<number>,
    private readonly regions = pythonParsing.regions,
  ) {}

  /** The smallest node covering [start, end), from a tree that parsed that statement. */
  nodeAt(start: number, end = start + 1): SyntaxNode {
    if (this.fullTree) return nodeAt(this.fullTree.rootNode, start, end);
    if (!this.regions) return nodeAt(this.parseFull().rootNode, start, end);
    const spans = this.spans ?? this.firstParse([start]);
    const first = spanIndexAt(spans, start);
    const last = spanIndexAt(spans, Math.max(start, end - 1));
    let tree = this.fullTree ?? this.treeOfSpan[first];
    if (!tree || this.treeOfSpan[last] !== tree) {
      const line = lineIndexAt(spans, start);
      if (first === last && line >= 0 && end <= spans.lines.ends[line]) {
        tree = this.treeOfLine.get(line) ?? this.parseUnits([], [line])!;
      } else {
        const indexes: number[] = [];
        for (let k = first; k <= last; k++) indexes.push(k);
        tree = this.parseUnits(indexes, [])!;
      }
    }
    return nodeAt(tree.rootNode, start, end);
  }

  /** Parses, in one pass, the units holding these offsets that no tree covers yet. */
  cover(offsets: Iterable<number>): void {
    if (this.fullTree || !this.regions) return;
    if (!this.spans) {
      this.firstParse(offsets);
      return;
    }
    const { spanIndexes, lineIndexes } = this.unitsOf(offsets);
    if (spanIndexes.length || lineIndexes.length) this.parseUnits(spanIndexes, lineIndexes);
  }

  /** Deletes the trees this text owns (trees live in wasm memory); the parser cache keeps its own. */
  dispose(): void {
    for (const tree of this.owned) tree.delete();
    this.owned.length = 0;
  }

  private firstParse(extra: Iterable<number>): StatementSpans {
    const spans = (this.spans = spansOf(this.text, this.cacheKey));
    const { spanIndexes, lineIndexes } = this.unitsOf([...this.candidates(), ...extra]);
    this.parseUnits(spanIndexes, lineIndexes);
    return spans;
  }

  /**
   * The units no tree covers yet for these offsets: a simple logical line when the offset has one, else its
   * statement.
   */
  private unitsOf(offsets: Iterable<number>): { spanIndexes: number[]; lineIndexes: number[] } {
    const spans = this.spans!;
    const spanIndexes = new Set<number>();
    const lineIndexes = new Set<number>();
    for (const offset of offsets) {
      const k = spanIndexAt(spans, offset);
      if (this.treeOfSpan[k]) continue;
      const l = lineIndexAt(spans, offset);
      if (l < 0) spanIndexes.add(k);
      else if (!this.treeOfLine.has(l)) lineIndexes.add(l);
    }
    return { spanIndexes: [...spanIndexes], lineIndexes: [...lineIndexes] };
  }

  /**
   * Parses these statements and lines in one pass (a line whose statement is parsed comes with it); returns
   * the new tree, or undefined when there was nothing left to parse.
   */
  private parseUnits(spanIndexes: number[], lineIndexes: number[]): Tree | undefined {
    const spans = this.spans!;
    const spanSet = new Set(spanIndexes);
    const lines = lineIndexes.filter((l) => {
      const k = spanIndexAt(spans, spans.lines.starts[l]);
      return !spanSet.has(k) && !this.treeOfSpan[k];
    });
    if (!spanSet.size && !lines.length) return undefined;
    let units = 0;
    for (const k of spanSet) units += (spans.starts[k + 1] ?? spans.length) - spans.starts[k];
    for (const l of lines) units += spans.lines.ends[l] - spans.lines.starts[l];
    this.parsedUnits += units;
    if (this.parsedUnits >= FULL_PARSE_SHARE * spans.length) return this.parseFull();
    const ranges = [...rangesOfSpans(spans, spanSet), ...lines.map((l) => rangeOfLine(spans, l))].sort((a, b) => a.startIndex - b.startIndex);
    const tree = parseText('python', this.text, undefined, ranges);
    this.owned.push(tree);
    for (const k of spanSet) this.treeOfSpan[k] = tree;
    for (const l of lines) this.treeOfLine.set(l, tree);
    return tree;
  }

  private parseFull(): Tree {
    if (!this.fullTree) {
      this.fullTree = parseText('python', this.text, this.cacheKey);
      if (this.cacheKey === undefined) this.owned.push(this.fullTree);
    }
    return this.fullTree;
  }
}
