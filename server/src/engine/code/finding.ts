// Rule results inside this module carry text offsets; they become Findings (1-based lines,
// 0-based UTF-16 columns) at the end through a PositionMap, which for notebooks also maps the
// virtual Python text back into the raw .ipynb JSON.
import type { Finding, TextFix } from '../types';

export type CodeRuleId =
  | 'llm-client-timeout' | 'unpinned-model-version' | 'trust-remote-code' | 'unsafe-deserialization' | 'local-absolute-path';

export interface OffsetEdit { start: number; end: number; newText: string }
export interface RawFinding {
  ruleId: CodeRuleId;
  message: string;
  /** Offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  fix?: { title: string; edits: OffsetEdit[] };
}

/** Converts offsets of the checked text into positions of the file on disk. */
export interface PositionMap {
  position(offset: number, isEnd: boolean): { line: number; column: number };
  /** Text to write into the file for a fix (notebooks escape it as JSON string content). */
  encodeInsert(text: string): string;
}

/** Start offset of every line of `text`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last of the ascending `sorted` values at or before `value` (0 when none is). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and 0-based column of an offset, by binary search over line starts. */
export function offsetToPosition(starts: number[], offset: number): { line: number; column: number } {
  const line = lastAtOrBefore(starts, offset);
  return { line: line + 1, column: offset - starts[line] };
}

export function plainTextMap(text: string): PositionMap {
  const starts = lineStarts(text);
  return { position: (offset) => offsetToPosition(starts, offset), encodeInsert: (t) => t };
}

export function toFinding(raw: RawFinding, file: string, map: PositionMap): Finding {
  const start = map.position(raw.start, false);
  const end = map.position(raw.end, true);
  const finding: Finding = {
    ruleId: raw.ruleId, severity: 'info', message: raw.message, file,
    line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
  };
  if (raw.fix) {
    const fix: TextFix = {
      title: raw.fix.title,
      edits: raw.fix.edits.map((e) => {
        const s = map.position(e.start, false);
        const t = e.end === e.start ? s : map.position(e.end, true);
        return { line: s.line, column: s.column, endLine: t.line, endColumn: t.column, newText: map.encodeInsert(e.newText) };
      }),
    };
    finding.fix = fix;
  }
  return finding;
}
