// monitoring: LLM apps get OpenTelemetry tracing + Prometheus metrics and alert rules; classic ML / deep
// learning get an Evidently drift job against the reference dataset plus alert rules.
import { assumedModel, projectDatasets } from '../facts';
import { firstFreeSet, inProject, slug } from '../paths';
import { fillIn, kindVariants, renderTemplate } from '../templates';
import type { PlannedFile, Scaffold } from '../types';

const MONITORING_DIRS = ['monitoring', 'ops/monitoring', 'observability'];

export const monitoring: Scaffold = async (ctx, facts) => {
  const llm = facts.kind === 'llm-app';
  const code = llm ? (facts.language === 'node' ? 'tracing.js' : 'tracing.py') : 'drift_job.py';
  const names = [code, 'alerts.yaml'];
  const set = firstFreeSet(ctx, MONITORING_DIRS.map(d => names.map(n => inProject(facts.rel, `${d}/${n}`))));
  if (!set) return { files: [], skippedReason: `every candidate monitoring folder (${MONITORING_DIRS.join(', ')}) already holds these files` };
  const prefix = facts.rel === '.' ? '' : facts.rel + '/';
  const scriptPath = set[0].slice(prefix.length);
  const datasets = projectDatasets(ctx.project, facts.rel);
  const reference = datasets.find(d => /train/i.test(d)) ?? datasets.find(d => /\.(csv|tsv)$/i.test(d)) ?? datasets[0];
  const serviceName = slug(facts.name);
  const vars = {
    projectName: facts.name, aiKind: facts.kind, serviceName, groupName: `${serviceName}-${llm ? 'llm' : 'model'}`,
    model: facts.llm?.model ?? 'unknown-model', assumedNote: assumedModel(facts) ? ', assumed: no model id was found in the code' : '', scriptPath, scriptDepth: String(scriptPath.split('/').length - 1),
    referenceData: reference ?? fillIn('reference (training) dataset, relative to the project root'),
  };
  const variants = kindVariants(facts.kind);
  const files: PlannedFile[] = [
    {
      path: set[0], checkId: 'monitoring', content: renderTemplate('monitoring', code, vars, variants),
      description: llm ? 'OpenTelemetry tracing and Prometheus metrics for LLM calls' : `Evidently drift job against ${reference ?? 'the reference data'}`,
    },
    {
      path: set[1], checkId: 'monitoring', content: renderTemplate('monitoring', 'alerts.yaml', vars, variants),
      description: llm ? 'Prometheus alerts: latency, error rate, token cost, fallback and refusal rate' : 'Prometheus alerts: drift share and a stale drift job',
    },
  ];
  return { files };
};
