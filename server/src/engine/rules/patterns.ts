// Text patterns of the rule vocabulary. Case-insensitive by default, `^`/`$` match at line starts/ends.
// User patterns run on RE2 (re2js): linear time, so no pattern can hang the scan. Built-in patterns are ours,
// kept to the RE2 subset (a unit test compiles every one with RE2) and run on V8's faster engine.
import { RE2JS } from 're2js';
import { mayMatch, requiredLiterals } from './requiredLiterals';

export interface Pattern {
  source: string;
  /** Index of the first match at or after `from`, or -1. */
  search(text: string, from?: number): number;
  /** The first `limit` matched strings. */
  matches(text: string, limit: number): string[];
}

export function compilePattern(source: string, opts: { user: boolean; caseSensitive?: boolean }): Pattern {
  if (opts.user) {
    const flags = RE2JS.MULTILINE | (opts.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    const re = RE2JS.compile(source, flags);
    return {
      source,
      search(text, from = 0) {
        const m = re.matcher(text);
        return m.find(from) ? m.start() : -1;
      },
      matches(text, limit) {
        const out: string[] = [];
        const m = re.matcher(text);
        while (out.length < limit && m.find()) out.push(m.group() ?? '');
        return out;
      },
    };
  }
  const re = new RegExp(source, opts.caseSensitive ? 'gm' : 'gim');
  // Most files hold none of a pattern's literals: then it cannot match and need not run.
  const filter = requiredLiterals(re.source, re.flags);
  return {
    source,
    search(text, from = 0) {
      if (!mayMatch(filter, text)) return -1;
      re.lastIndex = from;
      const m = re.exec(text);
      return m ? m.index : -1;
    },
    matches(text, limit) {
      const out: string[] = [];
      if (!mayMatch(filter, text)) return out;
      re.lastIndex = 0;
      for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
        out.push(m[0]);
        if (m[0] === '') re.lastIndex++;
      }
      return out;
    },
  };
}

/** Validates a pattern against RE2 syntax; returns an error message or undefined. */
export function re2Error(source: string): string | undefined {
  try {
    RE2JS.compile(source, RE2JS.MULTILINE | RE2JS.CASE_INSENSITIVE);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** 1-based line of a character index. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
