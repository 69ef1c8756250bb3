// guardrails (LLM apps): a NeMo Guardrails config with input and output rails, for the detected model.
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
    model: facts.llm?.model ?? fillIn('model name'),
  };
  return {
    files: [
      { path: set[0], checkId: 'guardrails', description: `NeMo Guardrails config: self-check input and output rails (${vars.engine}/${vars.model})`, content: renderTemplate('guardrails', 'config.yml', vars, ['llm-app']) },
      { path: set[1], checkId: 'guardrails', description: 'Colang flows: refusal message', content: renderTemplate('guardrails', 'rails.co', vars, ['llm-app']) },
    ],
  };
};
