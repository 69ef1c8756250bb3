// eval-pipeline: promptfoo config + golden set for LLM apps; evaluate.py + thresholds.yaml for classic ML / DL;
// plus a GitHub workflow that runs it when the project already has GitHub Actions CI.
import * as path from 'path';
import { ciCommands, githubEvalEnv } from '../ciSteps';
import { sampleDatasetSchema } from '../datasetSchema';
import { readSmallText } from '../crawl';
import { guessTarget } from '../evalTarget';
import { projectDatasets, yamlModelNote } from '../facts';
import { firstFree, firstFreeSet, inProject, slug } from '../paths';
import { fillIn, kindVariants, renderTemplate } from '../templates';
import type { FixContext, PlannedFile, ProjectFacts, Scaffold } from '../types';

const EVAL_DIRS = ['evals', 'evaluation', 'quality/evals'];

export interface HoldoutFacts {
  holdoutData: string;
  targetColumn: string;
  task: string;
  /** YAML comment lines (with a final newline) saying what was inferred and what was assumed. */
  assumptions: string;
}

/** The held-out dataset, its likely target column and the task (classification or regression), with reasons. */
export function holdoutFacts(ctx: FixContext, facts: ProjectFacts): HoldoutFacts {
  const datasets = projectDatasets(ctx.project, facts.rel).filter(d => /\.(csv|tsv)$/i.test(d));
  const holdout = datasets.find(d => /(test|holdout|valid|val|eval)[^/]*$/i.test(d)) ?? datasets[0];
  const schema = holdout ? sampleDatasetSchema(path.join(facts.dir, ...holdout.split('/'))) : undefined;
  const guess = guessTarget(schema);
  const lines = [
    `# Inferred by AI Preflight${holdout ? ` from ${holdout}` : ''}; check each before relying on the gate:`,
    `#   target_column: ${guess.column ?? 'to fill in'} (${guess.why.column})`,
    `#   task: ${guess.task} (${guess.why.task})`,
  ];
  return {
    holdoutData: holdout ?? fillIn('held-out CSV, relative to the project root'),
    targetColumn: guess.column ?? fillIn('target column'),
    task: guess.task,
    assumptions: lines.join('\n') + '\n',
  };
}

/** `module:function` of a network builder in the project's model module (`imgcls.model:build`), if one is obvious. */
function torchFactory(facts: ProjectFacts): string | undefined {
  for (const f of facts.files.filter(f => /(^|\/)models?\.py$/.test(f) && !f.startsWith('.')).slice(0, 10)) {
    const m = /^def[ \t]+(build\w*|create_model|get_model|make_model|build_model)[ \t]*\(/m.exec(readSmallText(path.join(facts.dir, ...f.split('/'))) ?? '');
    if (m) return `${f.replace(/^src\//, '').replace(/\.py$/, '').replace(/\//g, '.')}:${m[1]}`;
  }
  return undefined;
}

/** PyTorch projects get a torch-shaped evaluation (DataLoader over held-out data); other kinds a tabular one. */
function usesTorch(frameworks: string[]): boolean {
  return frameworks.some(f => /^(torch|torchvision|torchaudio|lightning|pytorch_lightning|timm)$/i.test(f));
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
      modelNote: yamlModelNote(facts),
    });
    files = names.map((n, i) => ({
      path: set[i], checkId: 'eval-pipeline', content: renderTemplate('eval-pipeline', n, vars, kindVariants(facts.kind)),
      description: n === 'promptfooconfig.yaml' ? `promptfoo eval config (${provider?.promptfoo ?? 'provider to fill in'})` : n === 'golden.yaml' ? 'Golden set with assertions' : 'Prompt under evaluation',
    }));
  } else if (facts.kind === 'deep-learning' && usesTorch(ctx.project.frameworks)) {
    const scriptPath = set[0].slice(facts.rel === '.' ? 0 : facts.rel.length + 1);
    const datasets = projectDatasets(ctx.project, facts.rel);
    Object.assign(vars, {
      scriptPath, scriptDepth: String(scriptPath.split('/').length - 1),
      holdoutData: datasets.find(d => /(test|holdout|valid|val|eval)/i.test(d)) ?? fillIn('held-out data (folder or file), relative to the project root'),
      factoryExample: torchFactory(facts) ?? 'mypackage.model:build',
      weights: facts.files.find(f => /\.(pt|pth|ckpt|safetensors)$/i.test(f) && !f.includes('/.')) ?? fillIn('trained weights (state_dict) file, e.g. checkpoints/model.pt'),
    });
    files = [
      { path: set[0], checkId: 'eval-pipeline', description: 'PyTorch evaluation: a DataLoader over held-out data, task metrics vs thresholds', content: renderTemplate('eval-pipeline', 'evaluate-torch.py', vars, ['deep-learning']) },
      { path: set[1], checkId: 'eval-pipeline', description: 'Metric thresholds (the quality gate) and how to load the network', content: renderTemplate('eval-pipeline', 'thresholds-torch.yaml', vars, ['deep-learning']) },
    ];
  } else {
    const scriptPath = set[0].slice(facts.rel === '.' ? 0 : facts.rel.length + 1);
    Object.assign(vars, holdoutFacts(ctx, facts), {
      scriptPath, scriptDepth: String(scriptPath.split('/').length - 1),
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
