// Helpers for the code-rule tests: expectations written in fixtures as `expect: <rule>` markers,
// and applying a Finding's TextFix to text.
import * as fs from 'fs';
import type { Finding, TextFix } from '../../server/src/engine/types';
import { fixturePath } from '../helpers';

export const readCodeFixture = (name: string) => fs.readFileSync(fixturePath('code', name), 'utf8');

/** `line:rule` for every line carrying an `expect: <rule>` marker (markers sit in comments). */
export function expectedFromMarkers(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/expect: ([a-z-]+)/g)) out.push(`${i + 1}:${m[1]}`);
  });
  return out.sort();
}

export const found = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.ruleId}`).sort();

/** Applies a fix's edits (1-based lines, 0-based columns) to text. */
export function applyFix(text: string, fix: TextFix): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, col: number) => starts[line - 1] + col;
  const edits = [...fix.edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column));
  for (const e of edits) text = text.slice(0, offset(e.line, e.column)) + e.newText + text.slice(offset(e.endLine, e.endColumn));
  return text;
}

/** The text a finding's range covers. */
export function rangeText(text: string, f: Finding): string {
  const lines = text.split('\n');
  if (f.line === f.endLine) return lines[f.line - 1].slice(f.column, f.endColumn);
  return [lines[f.line - 1].slice(f.column), ...lines.slice(f.line, f.endLine - 1), lines[f.endLine - 1].slice(0, f.endColumn)].join('\n');
}

/** 1-based number of the first line containing `snippet`. */
export function lineOf(text: string, snippet: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(snippet));
  if (i < 0) throw new Error(`fixture has no line with ${snippet}`);
  return i + 1;
}
