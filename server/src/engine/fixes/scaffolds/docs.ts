// business-metric and human-fallback: short docs answering the readiness questions, kind-aware hints filled in.
import { firstFree, inProject } from '../paths';
import { renderTemplate } from '../templates';
import type { Scaffold } from '../types';

const KPI_EXAMPLES = {
  'llm-app': 'share of support tickets resolved without an agent, minutes saved per case, CSAT',
  'classic-ml': 'churned customers retained per month, fraud losses avoided, forecast-driven stock-outs',
  'deep-learning': 'manual inspections avoided per day, defects caught before shipping, time to decision',
};

const THRESHOLD_GUIDANCE = {
  'llm-app': 'Route to a person when the model refuses, a guardrail blocks the answer, retrieval finds no supporting source, '
    + 'an LLM-judge or self-check scores the answer below the threshold, or the user asks for a human.',
  'classic-ml': 'Route to a person when the predicted class probability is below the threshold, when the input is outside '
    + 'the training range (drift or missing features), or when the decision is high-impact.',
  'deep-learning': 'Route to a person when the model\'s top-class score (or the margin to the second class) is below the threshold, '
    + 'or when the input is out of distribution.',
};

const FEEDBACK = {
  'llm-app': 'Corrected answers become golden-set cases for the evals; recurring failures change the prompt or retrieval.',
  'classic-ml': 'Human labels are added to the next training set, and the model is retrained on a schedule.',
  'deep-learning': 'Human labels are added to the next training set, and the model is retrained on a schedule.',
};

export const businessMetric: Scaffold = async (ctx, facts) => {
  const target = firstFree(ctx, ['docs/business-metric.md', 'docs/value/business-metric.md', 'BUSINESS_METRIC.md'].map(p => inProject(facts.rel, p)));
  if (!target) return { files: [], skippedReason: 'docs/business-metric.md already exists: complete it' };
  return {
    files: [{
      path: target, checkId: 'business-metric', description: 'Business KPI with baseline, target and how it is measured',
      content: renderTemplate('business-metric', 'business-metric.md', { projectName: facts.name, kpiExample: KPI_EXAMPLES[facts.kind] }),
    }],
  };
};

export const humanFallback: Scaffold = async (ctx, facts) => {
  const target = firstFree(ctx, ['docs/human-fallback.md', 'docs/operations/human-fallback.md', 'HUMAN_FALLBACK.md'].map(p => inProject(facts.rel, p)));
  if (!target) return { files: [], skippedReason: 'docs/human-fallback.md already exists: complete it' };
  return {
    files: [{
      path: target, checkId: 'human-fallback', description: 'Human fallback: thresholds, review queue, escalation, feedback loop',
      content: renderTemplate('human-fallback', 'human-fallback.md', {
        projectName: facts.name, thresholdGuidance: THRESHOLD_GUIDANCE[facts.kind], feedbackLoop: FEEDBACK[facts.kind],
      }),
    }],
  };
};
