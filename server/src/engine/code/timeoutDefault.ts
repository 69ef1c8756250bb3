// The llm-client-timeout quick fix writes the default timeout (DEFAULT_TIMEOUT_SECONDS). A project that wants
// another value sets `rules: { llm-client-timeout: { timeout-seconds: N } }`; per-file results are kept and
// cached with the default, so the configured value is written into the fix when findings are finalised.
import type { TextFix } from '../types';
import { DEFAULT_TIMEOUT_SECONDS } from './index';

const PY = new RegExp(`\\btimeout=${DEFAULT_TIMEOUT_SECONDS}\\b`, 'g');
const JS = new RegExp(`\\btimeout: ${DEFAULT_TIMEOUT_SECONDS * 1000}\\b`, 'g');

/** The fix with `seconds` in place of the default (Python seconds, JS milliseconds). */
export function withTimeoutSeconds(fix: TextFix, seconds: number): TextFix {
  if (seconds === DEFAULT_TIMEOUT_SECONDS) return fix;
  const ms = Math.round(seconds * 1000);
  const swap = (text: string) => text.replace(PY, `timeout=${seconds}`).replace(JS, `timeout: ${ms}`);
  // "Set timeout=60" replaces an explicit timeout=None: its edit is the bare number.
  const replacesValue = /^Set timeout=/.test(fix.title);
  return {
    ...fix,
    title: swap(fix.title),
    edits: fix.edits.map((e) => ({ ...e, newText: replacesValue && e.newText === String(DEFAULT_TIMEOUT_SECONDS) ? String(seconds) : swap(e.newText) })),
  };
}
