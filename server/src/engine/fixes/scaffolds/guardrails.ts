// guardrails (LLM apps): a NeMo Guardrails config with input and output rails, for the detected model.
import { assumedModel } from '../facts';
import { firstFreeSet, inProject } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { Scaffold } from '../types';

export const guardrails: Scaffold = async (ctx, facts) => {
  if (facts.kind !== 'llm-app' && !ctx.project.kinds.includes('llm-app')) {
    return { files: [], skippedReason: 'guardrails apply to LLM applications only' };
  }
  const set = firstFreeSet(ctx, ['guardrails', 'config/guardrails', 'rails'].map(d => ['config.yml', 'rails.co'].map(n => inProject(facts.rel, `${d}/${n}`))));
  if (!set) return { files: [], skippedReason: 'guardrails/config.yml already exists (and the alternatives): complete it' };
  const vars = {
    projectName: facts.name, assistantName: facts.name,
    engine: facts.llm?.nemoEngine ?? fillIn('LLM engine, e.g. openai'),
    // An assumed model is left to confirm, not written as a value: a moving alias would be a finding of its own.
    model: !facts.llm ? fillIn('model name') : assumedModel(facts) ? fillIn(`the model your code calls: ${assumedModel(facts)}`) : facts.llm.model,
  };
  return {
    files: [
      { path: set[0], checkId: 'guardrails', description: `NeMo Guardrails config: self-check input and output rails (${vars.engine}/${facts.llm?.detected ? facts.llm.model : 'model to confirm'})`, content: renderTemplate('guardrails', 'config.yml', vars, ['llm-app']) },
      { path: set[1], checkId: 'guardrails', description: 'Colang flows: refusal message', content: renderTemplate('guardrails', 'rails.co', vars, ['llm-app']) },
    ],
  };
};
