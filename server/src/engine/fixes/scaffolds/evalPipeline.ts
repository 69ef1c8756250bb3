// eval-pipeline: promptfoo config + golden set for LLM apps; evaluate.py + thresholds.yaml for classic ML / DL;
// plus a GitHub workflow that runs it when the project already has GitHub Actions CI.
import * as path from 'path';
import { ciCommands, githubEvalEnv } from '../ciSteps';
import { sampleDatasetSchema } from '../datasetSchema';
import { projectDatasets } from '../facts';
import { firstFree, firstFreeSet, inProject, slug } from '../paths';
import { fillIn, kindVariants, renderTemplate } from '../templates';
import type { FixContext, PlannedFile, ProjectFacts, Scaffold } from '../types';

const EVAL_DIRS = ['evals', 'evaluation', 'quality/evals'];
const TARGET_NAMES = ['target', 'label', 'labels', 'y', 'class', 'outcome', 'churn', 'is_fraud', 'price'];

/** The held-out dataset and its likely target column. */
export function holdoutFacts(ctx: FixContext, facts: ProjectFacts): { holdoutData: string; targetColumn: string } {
  const datasets = projectDatasets(ctx.project, facts.rel).filter(d => /\.(csv|tsv)$/i.test(d));
  const holdout = datasets.find(d => /(test|holdout|valid|val|eval)[^/]*$/i.test(d)) ?? datasets[0];
  let targetColumn = fillIn('target column');
  if (holdout) {
    const schema = sampleDatasetSchema(path.join(facts.dir, ...holdout.split('/')));
    const target = schema?.columns.find(c => TARGET_NAMES.includes(c.name.toLowerCase()));
    if (target) targetColumn = target.name;
  }
  return { holdoutData: holdout ?? fillIn('held-out CSV, relative to the project root'), targetColumn };
}

/** `entry` is the scaffolded eval config/script, relative to the project root. */
function evalWorkflow(ctx: FixContext, facts: ProjectFacts, entry: string): PlannedFile | undefined {
  if (!ctx.project.ciSystems.includes('github-actions')) return undefined; // the ci scaffold runs evals itself
  const name = facts.rel === '.' ? 'evals.yml' : `evals-${slug(facts.name)}.yml`;
  const target = firstFree(ctx, [`.github/workflows/${name}`]);
  if (!target) return undefined;
  const commands = ciCommands(facts);
  return {
    path: target, checkId: 'eval-pipeline', description: 'GitHub workflow that runs the evals on pull requests',
    content: renderTemplate('eval-pipeline', 'evals-workflow.yml', {
      projectName: facts.name, workflowName: `Evals (${facts.name})`, workingDirectory: facts.rel,
      setupSteps: commands.githubSetup, installCommand: commands.install, evalEnv: githubEvalEnv(commands, facts.kind),
      evalCommand: facts.kind === 'llm-app' ? `npx --yes promptfoo@latest eval -c ${entry}` : `python ${entry}`,
    }),
  };
}

export const evalPipeline: Scaffold = async (ctx, facts) => {
  const llm = facts.kind === 'llm-app';
  const names = llm ? ['promptfooconfig.yaml', 'golden.yaml', 'prompt.txt'] : ['evaluate.py', 'thresholds.yaml'];
  const set = firstFreeSet(ctx, EVAL_DIRS.map(d => names.map(n => inProject(facts.rel, `${d}/${n}`))));
  if (!set) return { files: [], skippedReason: `every candidate eval folder (${EVAL_DIRS.join(', ')}) already holds these files` };
  const vars: Record<string, string> = { projectName: facts.name, aiKind: facts.kind };
  let files: PlannedFile[];
  if (llm) {
    const provider = facts.llm;
    Object.assign(vars, {
      description: `Golden-set evaluation of ${facts.name}`,
      providerId: provider?.promptfoo ?? fillIn('promptfoo provider id, e.g. openai:chat:gpt-4o-mini'),
      model: provider?.model ?? 'the model',
    });
    files = names.map((n, i) => ({
      path: set[i], checkId: 'eval-pipeline', content: renderTemplate('eval-pipeline', n, vars, kindVariants(facts.kind)),
      description: n === 'promptfooconfig.yaml' ? `promptfoo eval config (${provider?.promptfoo ?? 'provider to fill in'})` : n === 'golden.yaml' ? 'Golden set with assertions' : 'Prompt under evaluation',
    }));
  } else {
    const scriptPath = set[0].slice(facts.rel === '.' ? 0 : facts.rel.length + 1);
    Object.assign(vars, holdoutFacts(ctx, facts), {
      scriptPath, scriptDepth: String(scriptPath.split('/').length - 1),
      task: 'classification',
      modelPath: facts.files.find(f => /\.(joblib|pkl)$/i.test(f)) ?? fillIn('path to the trained model file'),
    });
    files = [
      { path: set[0], checkId: 'eval-pipeline', description: 'Evaluation script: task metrics on held-out data vs thresholds', content: renderTemplate('eval-pipeline', 'evaluate.py', vars, ['common']) },
      { path: set[1], checkId: 'eval-pipeline', description: 'Metric thresholds (the quality gate)', content: renderTemplate('eval-pipeline', 'thresholds.yaml', vars, kindVariants(facts.kind)) },
    ];
  }
  const prefix = facts.rel === '.' ? '' : facts.rel + '/';
  const workflow = evalWorkflow(ctx, facts, set[0].slice(prefix.length));
  if (workflow) files.push(workflow);
  return { files };
};
