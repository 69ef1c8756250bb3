// model-card: MODEL_CARD.md with the Model Cards sections, pre-filled with frameworks, model ids and datasets.
import { projectDatasets } from '../facts';
import { firstFree, inProject } from '../paths';
import { bullets, renderTemplate } from '../templates';
import type { Scaffold } from '../types';

const KIND_TITLES = { 'llm-app': 'LLM application', 'classic-ml': 'classical machine learning', 'deep-learning': 'deep learning' };
const METRICS_HINT = {
  'llm-app': 'golden-set pass rate, answer correctness (LLM-graded), refusal rate, latency, cost per request <FILL IN: confirm>',
  'classic-ml': 'accuracy / F1 (classification) or RMSE / R² (regression) on held-out data <FILL IN: confirm>',
  'deep-learning': 'task metric on held-out data (accuracy, F1, mAP, BLEU…) <FILL IN: confirm>',
};

const indent = (text: string) => text.split('\n').map(l => `  ${l}`).join('\n');
const code = (s: string) => '`' + s.replace(/`/g, '') + '`';

export const modelCard: Scaffold = async (ctx, facts) => {
  const target = firstFree(ctx, [inProject(facts.rel, 'MODEL_CARD.md'), inProject(facts.rel, 'docs/MODEL_CARD.md'), inProject(facts.rel, 'docs/model-card.md')]);
  if (!target) return { files: [], skippedReason: 'MODEL_CARD.md already exists (also under docs/): open it and complete the missing sections' };
  const datasets = projectDatasets(ctx.project, facts.rel);
  const evalSets = datasets.filter(d => /(test|holdout|valid|val|eval)[^/]*$/i.test(d));
  const trainSets = datasets.filter(d => !evalSets.includes(d));
  const content = renderTemplate('model-card', 'MODEL_CARD.md', {
    projectName: facts.name,
    aiKindTitle: KIND_TITLES[facts.kind],
    frameworks: indent(bullets(ctx.project.frameworks.map(code), 'frameworks')),
    modelIds: indent(bullets(ctx.project.modelIds.map(code), facts.kind === 'llm-app' ? 'hosted models and versions' : 'model architecture and base model')),
    metricsHint: METRICS_HINT[facts.kind],
    evaluationData: bullets(evalSets.map(code), 'evaluation dataset: source, size, how it was held out'),
    trainingData: facts.kind === 'llm-app' && trainSets.length === 0
      ? '- Not trained here: the application calls hosted models (see Model details). <FILL IN: data used for retrieval or fine-tuning, if any>'
      : bullets(trainSets.map(code), 'training dataset: source, size, collection and preprocessing'),
  });
  return { files: [{ path: target, checkId: 'model-card', content, description: 'Model card (Mitchell et al. sections), pre-filled' }] };
};
