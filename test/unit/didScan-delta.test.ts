// didScan leaves out what did not change since the previous one (findings and projects the engine handed
// back as the same objects); applyDidScan, which every client runs, must rebuild exactly the scan the
// server holds, and refuse a delta it cannot apply.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { applyDidScan, findingsPatchOf, type FolderScan } from '../../server/src/server/protocol';
import type { Finding, Project, ScanResult } from '../../server/src/engine/types';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const finding = (i: number): Finding => ({ ruleId: 'hardcoded-secrets', severity: 'error', message: `m${i}`, file: `f${i}.py`, line: i + 1, column: 0 } as Finding);
const project = (root: string): Project => ({ root, checks: [] } as unknown as Project);
const result = (findings: Finding[], projects: Project[]): ScanResult => ({ root: '/r', projects, findings, notes: [], stats: { files: 0, filesRead: 0, bytesRead: 0, ms: 0 } } as unknown as ScanResult);
const scanOf = (r: ScanResult, extra: Partial<FolderScan> = {}): FolderScan => ({ uri: 'file:///r', name: 'r', result: r, ...extra });

describe('didScan deltas', () => {
  it('a findings patch rebuilds any new list from the previous one, object for object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.oneof(fc.nat({ max: 59 }), fc.constant(-1)), { maxLength: 80 }), (n, picks) => {
        const before = Array.from({ length: n }, (_, i) => finding(i));
        let fresh = 1000;
        // each pick keeps a previous finding (in any order, even twice) or adds a new one
        const now = picks.map((p) => (p >= 0 && p < n ? before[p] : finding(fresh++)));
        const { runs, added } = findingsPatchOf(before, now);
        assert.equal(added, now.filter((f) => !before.includes(f)).length);
        const whole = applyDidScan(scanOf(result([], []), { findingsPatch: runs }), result(before, []));
        assert.ok(whole?.result);
        assert.equal(whole.result.findings.length, now.length);
        whole.result.findings.forEach((f, i) => assert.equal(f, now[i], `finding ${i}`));
        assert.ok(!('findingsPatch' in whole), 'the rebuilt scan carries no delta fields');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('unchanged runs of findings cost one [start, count] pair', () => {
    const before = Array.from({ length: 1000 }, (_, i) => finding(i));
    const now = [...before.slice(0, 500), finding(5000), ...before.slice(500)];
    assert.deepEqual(findingsPatchOf(before, now).runs.map((r) => ('keep' in r ? r.keep : r.add.length)), [[0, 500], 1, [500, 500]]);
  });

  it('projects left out are taken from the previous copy, in the order given', () => {
    const [a, b, c] = ['a', 'b', 'c'].map(project);
    const b2 = project('b');
    const whole = applyDidScan(scanOf(result([], [b2]), { projectRoots: ['a', 'b', 'c'], findingsUnchanged: true }), result([finding(1)], [a, b, c]));
    assert.deepEqual(whole?.result?.projects, [a, b2, c]);
    assert.equal(whole?.result?.projects[1], b2);
    assert.equal(whole?.result?.findings.length, 1);
  });

  it('a delta that cannot apply gives undefined (the client then asks for the full results)', () => {
    const prev = result([finding(0)], [project('a')]);
    assert.equal(applyDidScan(scanOf(result([], []), { findingsUnchanged: true }), undefined), undefined, 'no previous copy');
    assert.equal(applyDidScan(scanOf(result([], []), { projectRoots: ['a', 'zz'] }), prev), undefined, 'a project the copy lacks');
    assert.equal(applyDidScan(scanOf(result([], []), { findingsPatch: [{ keep: [0, 2] }] }), prev), undefined, 'indexes past the copy');
    // a full didScan needs no previous copy
    const full = scanOf(result([finding(3)], [project('x')]));
    assert.deepEqual(applyDidScan(full, undefined), full);
  });
});
