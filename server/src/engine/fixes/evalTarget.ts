// What a classic-ML / tabular evaluation predicts: the target column of the held-out data and whether the task
// is classification or regression, guessed from the column names and the sampled values, with the reasons.
import type { DatasetSchema } from './datasetSchema';

export type EvalTask = 'classification' | 'regression';

export interface TargetGuess {
  /** Undefined when the dataset has no columns. */
  column?: string;
  task: EvalTask;
  /** Why, in a few words each: written into thresholds.yaml so a person can check the guess. */
  why: { column: string; task: string };
}

// Names that say "this is what the model predicts", exact (case-insensitive) first, then by shape.
const EXACT = ['target', 'label', 'labels', 'y', 'class', 'outcome', 'churn', 'is_fraud', 'price', 'score', 'response', 'default', 'survived'];
const SHAPES: RegExp[] = [
  /^(target|label|class|outcome)[_-]?\w*$/i, /^\w*[_-](target|label|class|outcome)$/i,
  /^churn\w*$/i, /^is[_-]?(fraud|churn\w*|default\w*)$/i, /^\w+[_-]score$/i, /^\w*price\w*$/i, /^y[_-]\w+$/i,
];

/** The column the model most likely predicts: named like a target, else the last column. */
export function guessTargetColumn(names: string[]): { column?: string; why: string } {
  const exact = names.find(n => EXACT.includes(n.toLowerCase()));
  if (exact) return { column: exact, why: 'named like a target' };
  for (const shape of SHAPES) {
    const match = names.find(n => shape.test(n) && !/(^|[_-])id$/i.test(n));
    if (match) return { column: match, why: 'named like a target' };
  }
  const last = names[names.length - 1];
  return last ? { column: last, why: 'no column is named like a target, so the last one' } : { why: 'no columns found' };
}

/**
 * Regression when the target is numeric with many distinct values (fractional values with more than two, or
 * integers with more than 20: a 0-100 score, a price in cents); classification for booleans, text and few codes.
 */
export function inferTask(schema: DatasetSchema, column: string): { task: EvalTask; why: string } {
  const i = schema.columns.findIndex(c => c.name === column);
  if (i < 0) return { task: 'classification', why: 'assumed: the target column is not in the sample' };
  const type = schema.columns[i].logicalType;
  const distinct = schema.distinctValues[i] ?? 0;
  const values = `${distinct} distinct value${distinct === 1 ? '' : 's'} in ${schema.sampledRows} sampled rows`;
  if (type === 'number' && distinct > 2) return { task: 'regression', why: `fractional numbers, ${values}` };
  if (type === 'integer' && distinct > 20) return { task: 'regression', why: `integers, ${values}` };
  if (type === 'integer' || type === 'number') return { task: 'classification', why: `numeric codes, ${values}` };
  return { task: 'classification', why: `${type} values, ${values}` };
}

/** Target and task from a sampled dataset, or the classification default when there is none. */
export function guessTarget(schema: DatasetSchema | undefined): TargetGuess {
  if (!schema?.columns.length) {
    return { task: 'classification', why: { column: 'no readable held-out dataset was found', task: 'assumed classification: no data to infer it from' } };
  }
  const { column, why } = guessTargetColumn(schema.columns.map(c => c.name));
  const task = column ? inferTask(schema, column) : { task: 'classification' as const, why: 'assumed' };
  return { column, task: task.task, why: { column: why, task: task.why } };
}
