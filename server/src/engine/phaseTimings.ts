// Opt-in phase timings of a scan (AI_PREFLIGHT_TIMING=1), printed to stderr like ESLint's TIMING=1, so a
// user whose scan is slow can say where the time goes without a profiler. Off, it costs one branch per phase.
export interface PhaseTimer {
  /** Marks the end of the phase `name` (the time since the previous mark, or since the timer started). */
  mark(name: string): void;
  /** Prints the phases and the total to stderr (when enabled). */
  done(label: string): void;
}

const NOOP: PhaseTimer = { mark: () => undefined, done: () => undefined };

export function phaseTimer(enabled = !!process.env.AI_PREFLIGHT_TIMING): PhaseTimer {
  if (!enabled) return NOOP;
  const start = performance.now();
  let last = start;
  const phases: [string, number, number][] = [];
  const mib = () => process.memoryUsage.rss() / 1048576;
  return {
    mark(name) {
      const now = performance.now();
      phases.push([name, now - last, mib()]);
      last = now;
    },
    done(label) {
      // The resident set at each phase's end: where a scan's memory goes (this thread's heap and the workers').
      const rows = phases.map(([name, ms, rss]) => `  ${name.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms ${rss.toFixed(0).padStart(6)} MiB`);
      process.stderr.write(`[ai-preflight timing] ${label}\n${rows.join('\n')}\n  ${'total'.padEnd(24)} ${(performance.now() - start).toFixed(0).padStart(6)} ms\n`);
    },
  };
}
