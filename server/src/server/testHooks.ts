// Test hook, not a setting: AI_PREFLIGHT_TEST_FAULT_DETECTOR=<detector name> (read once when the server
// starts) makes every built-in check that uses that detector throw when evaluated, so protocol tests can show
// that a crashing check is reported as errored with its reason while every other check still publishes.
// Nothing sets it in normal use; unset, this does nothing.
import { loadBuiltinChecks } from '../engine/rules/loadChecks';
import type { Matcher } from '../engine/rules/checkDef';

export const FAULT_DETECTOR_ENV = 'AI_PREFLIGHT_TEST_FAULT_DETECTOR';

/**
 * Renames the detector in the built-in checks' matchers to one nobody registered: the engine then throws
 * ("unknown detector …") inside runCheck, the same place a detector that crashes throws. Returns the ids of
 * the checks made to fail.
 */
export function installTestFaults(env: NodeJS.ProcessEnv = process.env): string[] {
  const name = env[FAULT_DETECTOR_ENV];
  if (!name) return [];
  const broken: string[] = [];
  const walk = (m: Matcher | undefined, id: string) => {
    if (!m) return;
    if (m.kind === 'detector' && m.name === name) {
      m.name = `${name} (made to throw by ${FAULT_DETECTOR_ENV})`;
      if (!broken.includes(id)) broken.push(id);
    }
    if (m.kind === 'any' || m.kind === 'all') for (const item of m.items) walk(item, id);
  };
  for (const def of loadBuiltinChecks()) {
    walk(def.present, def.id);
    walk(def.violation, def.id);
  }
  return broken;
}
