// The syntax trees of one Python text, parsed on demand and only where the rules look.
//
// At the first lookup, every offset any rule will verify (its text candidates, ruleCandidates in index.ts) is
// gathered and the top-level statements holding them are parsed in one tree-sitter pass over those
// ranges only. Node offsets stay those of the whole text. A later lookup outside the parsed
// statements (a constant assigned elsewhere, say) parses the missing statements as a further tree.
// Old trees stay alive until dispose(): rules may still hold their nodes.
//
// Open documents are checked the same way on every edit. Measured on the benchmark's 1 MB module, whose 120
// hub loads sit in 120 functions: re-lexing and region-parsing costs ~40 ms per edit, while keeping a whole
// tree for incremental re-parses cost ~45 ms per edit plus ~360 ms for the first full parse.
import { parseText, type SyntaxNode, type Tree } from '../parsers';
import { nodeAt } from '../candidates';
import { rangesOfSpans, spanIndexAt, statementSpans, type StatementSpans } from './regions';

/** Tests switch region parsing off to compare against a full parse; nothing else touches this. */
export const pythonParsing = { regions: true };

// When the statements to parse hold most of the text anyway, one full parse is as cheap.
const FULL_PARSE_SHARE = 0.6;

export class PySyntax {
  private spans: StatementSpans | undefined;
  /** The tree that parsed each span, by span index. */
  private treeOfSpan: (Tree | undefined)[] = [];
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
      const indexes: number[] = [];
      for (let k = first; k <= last; k++) indexes.push(k);
      tree = this.parseSpans(indexes);
    }
    return nodeAt(tree.rootNode, start, end);
  }

  /** Parses, in one pass, the statements holding these offsets that no tree covers yet. */
  cover(offsets: Iterable<number>): void {
    if (this.fullTree || !this.regions) return;
    if (!this.spans) {
      this.firstParse(offsets);
      return;
    }
    const missing = new Set<number>();
    for (const offset of offsets) {
      const k = spanIndexAt(this.spans, offset);
      if (!this.treeOfSpan[k]) missing.add(k);
    }
    if (missing.size) this.parseSpans([...missing]);
  }

  /** Deletes the trees this text owns (trees live in wasm memory); the parser cache keeps its own. */
  dispose(): void {
    for (const tree of this.owned) tree.delete();
    this.owned.length = 0;
  }

  private firstParse(extra: Iterable<number>): StatementSpans {
    const spans = (this.spans = statementSpans(this.text));
    const indexes = new Set<number>();
    for (const offset of this.candidates()) indexes.add(spanIndexAt(spans, offset));
    for (const offset of extra) indexes.add(spanIndexAt(spans, offset));
    this.parseSpans([...indexes]);
    return spans;
  }

  private parseSpans(indexes: number[]): Tree {
    const spans = this.spans!;
    let bytes = 0;
    for (const k of indexes) bytes += (spans.starts[k + 1] ?? spans.length) - spans.starts[k];
    this.parsedUnits += bytes;
    if (this.parsedUnits >= FULL_PARSE_SHARE * spans.length) return this.parseFull();
    const tree = parseText('python', this.text, undefined, rangesOfSpans(spans, indexes));
    this.owned.push(tree);
    for (const k of indexes) this.treeOfSpan[k] = tree;
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
