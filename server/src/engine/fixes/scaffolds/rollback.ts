// rollback: a runbook and a script that re-points serving to the previous model version by the mechanism the
// project uses: MLflow registry alias, container image tag (Kubernetes), else an environment variable.
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { readSmallText } from '../crawl';
import { firstFreeSet, inProject, slug } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { ProjectFacts, Scaffold } from '../types';

type Mechanism = 'registry-alias' | 'image-tag' | 'env-var';

interface Deployment { name?: string; container?: string; image?: string }

/** Characters that would break out of a double-quoted shell string are dropped. */
const shellSafe = (s: string) => s.replace(/["$`\\\n\r]/g, '');

const codeFiles = (facts: ProjectFacts) => facts.files.filter(f => /\.(py|[cm]?[jt]s)$/.test(f)).slice(0, 300);

export function findKubernetesDeployment(facts: ProjectFacts): Deployment | undefined {
  for (const f of facts.files.filter(f => /\.ya?ml$/i.test(f)).slice(0, 300)) {
    const text = readSmallText(path.join(facts.dir, f), 128 * 1024);
    if (!text || !/kind:\s*Deployment/.test(text)) continue;
    try {
      for (const doc of parseAllDocuments(text, { logLevel: 'error' })) {
        const d = doc.toJS?.() as { kind?: string; metadata?: { name?: string }; spec?: { template?: { spec?: { containers?: { name?: string; image?: string }[] } } } } | null;
        if (d?.kind !== 'Deployment') continue;
        const c = d.spec?.template?.spec?.containers?.[0];
        return { name: d.metadata?.name, container: c?.name, image: c?.image?.replace(/[:@][^/:@]*$/, '') };
      }
    } catch {
      // unparsable manifest: keep looking
    }
  }
  return undefined;
}

function grepFirst(facts: ProjectFacts, pattern: RegExp): string | undefined {
  for (const f of codeFiles(facts)) {
    const m = pattern.exec(readSmallText(path.join(facts.dir, f)) ?? '');
    if (m) return m[1];
  }
  return undefined;
}

export function detectMechanism(frameworks: string[], facts: ProjectFacts): Mechanism {
  if (frameworks.some(f => f.toLowerCase() === 'mlflow')) return 'registry-alias';
  if (facts.files.some(f => /(^|\/)Dockerfile$/.test(f)) || findKubernetesDeployment(facts)) return 'image-tag';
  return 'env-var';
}

const TITLES: Record<Mechanism, string> = {
  'registry-alias': 'moving the model-registry alias',
  'image-tag': 'deploying the previous image tag',
  'env-var': 'setting the model-version environment variable',
};

export const rollback: Scaffold = async (ctx, facts) => {
  const set = firstFreeSet(ctx, [
    ['docs/runbooks/rollback.md', 'scripts/rollback.sh'],
    ['runbooks/rollback.md', 'ops/rollback.sh'],
  ].map(s => s.map(p => inProject(facts.rel, p))));
  if (!set) return { files: [], skippedReason: 'docs/runbooks/rollback.md and scripts/rollback.sh (and the alternatives) already exist' };
  const prefix = facts.rel === '.' ? '' : facts.rel + '/';
  const [runbookPath, scriptPath] = set.map(p => p.slice(prefix.length));
  const mechanism = detectMechanism(ctx.project.frameworks, facts);
  const vars: Record<string, string> = {
    projectName: facts.name, runbookPath, scriptPath, mechanismTitle: TITLES[mechanism],
    envVar: grepFirst(facts, /(?:environ(?:\.get)?\(?\[?|getenv\(|process\.env\.|process\.env\[)\s*["']?([A-Z][A-Z0-9_]*MODEL[A-Z0-9_]*)/) ?? 'MODEL_VERSION',
    modelName: shellSafe(grepFirst(facts, /models:\/([A-Za-z0-9_.-]+)[@/]/) ?? grepFirst(facts, /registered_model_name\s*=\s*["']([^"']+)["']/) ?? fillIn('registered model name')),
  };
  const deployment = mechanism === 'image-tag' ? findKubernetesDeployment(facts) : undefined;
  Object.assign(vars, {
    deploymentName: shellSafe(deployment?.name ?? slug(facts.name)),
    containerName: shellSafe(deployment?.container ?? slug(facts.name)),
    imageName: shellSafe(deployment?.image ?? fillIn('image repository, e.g. ghcr.io/acme/model-api')),
    previousVersionHint: mechanism === 'registry-alias' ? `the registry's version history for ${vars.modelName} (the script picks the one before the alias's current version).`
      : mechanism === 'image-tag' ? 'the previous image tag in the registry or the deployment history (`kubectl rollout history`).'
      : `the previous value of ${vars.envVar} (kept in the env file's .previous copy by the script).`,
    mechanismStep: mechanism === 'env-var' ? 'Restart serving so it reads the new value (the script does it when RESTART_CMD is set).'
      : 'Watch the rollout until the previous version serves all traffic.',
  });
  return {
    files: [
      { path: set[0], checkId: 'rollback', description: 'Rollback runbook: trigger, decision owner, steps, verification, communication', content: renderTemplate('rollback', 'rollback.md', vars) },
      { path: set[1], checkId: 'rollback', description: `Rollback script (${mechanism})`, content: renderTemplate('rollback', `rollback-${mechanism}.sh`, vars) },
    ],
  };
};
