// Small helpers for the benchmark: medians, percentiles, timing a child process with its peak RSS.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export const median = (xs) => percentile(xs, 50);

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

const HAS_GNU_TIME = fs.existsSync('/usr/bin/time');

/**
 * Runs a command, stdout to a file (or /dev/null); resolves { ms, rssMiB, cpuMs, code, stderr }.
 * Peak RSS and CPU time (user + system; steadier than wall time on a shared machine) come from GNU time
 * when present, else they are NaN.
 */
export function timeChild(cmd, args, { cwd, stdoutFile = '/dev/null', env } = {}) {
  return new Promise((resolve) => {
    const out = fs.openSync(stdoutFile, 'w');
    const timeFile = `${stdoutFile === '/dev/null' ? '/tmp' : stdoutFile}.time-${process.pid}`;
    const argv = HAS_GNU_TIME ? ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args] : args;
    const t0 = performance.now();
    const child = spawn(HAS_GNU_TIME ? '/usr/bin/time' : cmd, argv, { cwd, env: env ?? process.env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      fs.closeSync(out);
      let rssMiB = NaN;
      let cpuMs = NaN;
      if (HAS_GNU_TIME) {
        try {
          const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ');
          rssMiB = Number(last[1]) / 1024;
          cpuMs = (Number(last[2]) + Number(last[3])) * 1000;
          fs.rmSync(timeFile, { force: true });
        } catch { /* no figure */ }
      }
      resolve({ ms, rssMiB, cpuMs, code, stderr });
    });
  });
}

export const fmtMs = (ms) => (Number.isNaN(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
export const fmtMiB = (m) => (Number.isNaN(m) ? 'n/a' : `${m.toFixed(0)} MiB`);
