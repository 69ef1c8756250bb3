// Workspaces built at test time that attack the glob and .gitignore handling: a star glob that makes a
// backtracking matcher run for minutes on one long name (config `ignore:`, a custom rule's `file:`,
// `.gitignore`), a brace bomb in `ignore:`, and a `.gitignore` symlinked to a file outside the workspace.
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../helpers';
import { plantedKeys } from './util';

/** 13 stars: exponential backtracking against a name of a's with no `b` at the end. */
export const STAR_GLOB = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
/** A name the star glob almost matches: it holds a `b` (so literal pre-filters let it through) but does not end in one. */
export const LONG_NAME = 'b' + 'a'.repeat(40);
/** `{a,b}` 19 times: 524,288 alternatives once expanded. */
export const BRACE_BOMB = '{a,b}'.repeat(19);
/** The brace-bomb workspace's ignore globs: four bombs and a numeric range. */
export const BRACE_BOMBS = [BRACE_BOMB, `${BRACE_BOMB}x`, '{1..100000}', `${BRACE_BOMB}y`, `x${BRACE_BOMB}`];

export interface GlobAttacks {
  base: string;
  /** One workspace per attack, by name. */
  roots: Record<'ignoreStar' | 'ruleStar' | 'gitignoreStar' | 'braceBomb' | 'gitignoreLink', string>;
  /** The key in ws/leak.py of the linked-.gitignore workspace: must be reported (masked). */
  leakKey: string;
}

const PROJECT = { 'requirements.txt': 'openai==1.30.0\n', 'app.py': 'import openai\nclient = openai.OpenAI()\n' };

export function buildGlobAttacks(): GlobAttacks {
  const base = makeTempDir('aipf-globs-');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(outside);
  // The outside .gitignore would hide leak.py if it were ever read.
  fs.writeFileSync(path.join(outside, '.gitignore'), 'leak.py\n');
  const tree = (name: string, files: Record<string, string>): string => {
    const root = path.join(base, name);
    for (const [rel, content] of Object.entries({ ...PROJECT, ...files })) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
    return root;
  };
  const leakKey = plantedKeys().find((k) => k.rule === 'github-token')!.key;
  const roots = {
    ignoreStar: tree('ignore-star', { '.ai-preflight.yaml': `ignore: ["${STAR_GLOB}"]\n`, [LONG_NAME]: 'x\n', [`${LONG_NAME}-dir/${LONG_NAME}`]: 'x\n' }),
    ruleStar: tree('rule-star', {
      '.ai-preflight.yaml': ['custom:', '  - id: star-glob-probe', '    title: Star glob probe', '    pillar: trust', `    present-when: { file: "${STAR_GLOB}" }`, ''].join('\n'),
      [LONG_NAME]: 'x\n',
    }),
    gitignoreStar: tree('gitignore-star', { '.gitignore': `${STAR_GLOB}\n`, [LONG_NAME]: 'x\n', [`sub/${LONG_NAME}`]: 'x\n' }),
    braceBomb: tree('brace-bomb', { '.ai-preflight.yaml': `ignore: [${BRACE_BOMBS.map((g) => JSON.stringify(g)).join(', ')}]\n` }),
    gitignoreLink: tree('gitignore-link', { 'leak.py': `TOKEN = "${leakKey}"\n` }),
  };
  fs.symlinkSync(path.join(outside, '.gitignore'), path.join(roots.gitignoreLink, '.gitignore'));
  return { base, roots, leakKey };
}
