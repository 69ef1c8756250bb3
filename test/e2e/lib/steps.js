// A tiny step runner: each step is one test; a failing step leaves a FAIL-*.png behind.
const path = require('path');

function createStepRunner(shotsDir) {
  const t0 = Date.now();
  const results = { passed: 0, failed: 0 };
  let page = null;
  const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';

  async function step(name, fn) {
    const started = Date.now();
    try {
      await fn();
      results.passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms, t=${elapsed()})`);
    } catch (err) {
      results.failed++;
      console.log(`  ✘ ${name} (${Date.now() - started} ms): ${String(err && err.message).split('\n')[0]}`);
      if (page) {
        const file = path.join(shotsDir, `FAIL-${name.replace(/\W+/g, '_').slice(0, 60)}.png`);
        await page.screenshot({ path: file }).catch(() => {});
      }
    }
  }
  return { step, results, setPage: (p) => { page = p; }, elapsed };
}

/** Polls an async predicate until it returns a truthy value or the time runs out. */
async function until(pred, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await pred();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

module.exports = { createStepRunner, until };
