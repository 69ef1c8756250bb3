// data-contract: one ODCS v3 contract per dataset file, with the real columns and inferred types; a commented
// skeleton when no dataset was found.
import * as path from 'path';
import { stringify } from 'yaml';
import { sampleDatasetSchema, type DatasetSchema } from '../datasetSchema';
import { projectDatasets } from '../facts';
import { firstFree, inProject, slug } from '../paths';
import { fillIn, renderTemplate } from '../templates';
import type { FixContext, PlannedFile, ProjectFacts, Scaffold } from '../types';

const CONTRACT_DIRS = ['contracts', 'data/contracts'];
const PHYSICAL: Record<string, string> = { integer: 'int64', number: 'double', boolean: 'boolean', date: 'date', timestamp: 'timestamp', string: 'string', object: 'object', array: 'array' };

/** The ODCS v3 document for one dataset (plain data, stringified by the caller). */
export function odcsContract(projectName: string, datasetPath: string, schema: DatasetSchema | undefined): Record<string, unknown> {
  const table = path.posix.basename(datasetPath).replace(/\.[^.]+$/, '');
  const properties = schema
    ? schema.columns.map(c => ({ name: c.name, logicalType: c.logicalType, physicalType: PHYSICAL[c.logicalType], required: c.required }))
    : [{ name: fillIn('column name'), logicalType: 'string', required: true }];
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: `${slug(projectName)}-${slug(datasetPath)}`,
    name: table,
    version: '0.1.0',
    status: 'draft',
    description: {
      purpose: fillIn(`what ${datasetPath} is used for (training, evaluation, predictions)`),
      limitations: fillIn('known gaps, biases, freshness limits'),
    },
    schema: [{
      name: table,
      logicalType: 'object',
      physicalName: datasetPath,
      description: schema ? `Inferred from the header and ${schema.sampledRows} sample rows.` : fillIn('columns: this file format could not be read'),
      properties,
    }],
  };
}

/** contracts/<name>.odcs.yaml, or <parent>-<name> when two datasets share a name, in the first free folder. */
function contractPath(ctx: FixContext, facts: ProjectFacts, dataset: string, all: string[]): string | undefined {
  const base = path.posix.basename(dataset).replace(/\.[^.]+$/, '');
  const clash = all.some(d => d !== dataset && path.posix.basename(d).replace(/\.[^.]+$/, '') === base);
  const parent = path.posix.basename(path.posix.dirname(dataset));
  const name = slug(clash && parent !== '.' ? `${parent}-${base}` : base);
  return firstFree(ctx, CONTRACT_DIRS.map(d => inProject(facts.rel, `${d}/${name}.odcs.yaml`)));
}

export const dataContract: Scaffold = async (ctx, facts) => {
  const datasets = projectDatasets(ctx.project, facts.rel).slice(0, 50);
  const files: PlannedFile[] = [];
  const reserved = new Set(ctx.reserved ?? []); // contracts planned here count as taken for the next dataset
  const local: FixContext = { ...ctx, reserved };
  for (const dataset of datasets) {
    const target = contractPath(local, facts, dataset, datasets);
    if (!target) continue;
    reserved.add(target);
    const schema = sampleDatasetSchema(path.join(facts.dir, ...dataset.split('/')));
    const header = renderTemplate('data-contract', 'header.yaml', {
      datasetPath: dataset, projectName: facts.name, sampledRows: schema?.sampledRows ?? 0, contractPath: target,
    });
    files.push({
      path: target, checkId: 'data-contract', content: header + stringify(odcsContract(facts.name, dataset, schema), { lineWidth: 0 }),
      description: schema ? `ODCS contract for ${dataset} (${schema.columns.length} columns)` : `ODCS contract for ${dataset} (columns to fill in)`,
    });
  }
  if (files.length) return { files };
  if (datasets.length) return { files, skippedReason: 'a contract file already exists for every dataset found' };
  const target = firstFree(ctx, CONTRACT_DIRS.map(d => inProject(facts.rel, `${d}/${slug(facts.name)}.odcs.yaml`)));
  if (!target) return { files, skippedReason: 'the contract skeleton path is already taken' };
  return {
    files: [{
      path: target, checkId: 'data-contract', description: 'ODCS contract skeleton (no dataset file found)',
      content: renderTemplate('data-contract', 'skeleton.odcs.yaml', {
        projectName: facts.name, contractPath: target, contractId: `${slug(facts.name)}-data`, contractName: `${facts.name} data`,
      }),
    }],
  };
};
