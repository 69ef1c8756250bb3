// Columns and inferred types of a dataset file from its header and a sample of rows (CSV, TSV, JSON Lines).
import * as fs from 'fs';
import { parse } from 'csv-parse/sync';

export type LogicalType = 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'string' | 'object' | 'array';

export interface ColumnInfo {
  name: string;
  logicalType: LogicalType;
  /** True when no value in the sample was empty/null. */
  required: boolean;
}

export interface DatasetSchema {
  columns: ColumnInfo[];
  sampledRows: number;
  /** Per column (same order): how many distinct non-null values the sample holds, counted up to MAX_DISTINCT. */
  distinctValues: number[];
}

const MAX_DISTINCT = 1000;

function countDistinct(values: unknown[]): number {
  const seen = new Set<string>();
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === 'string' && isNull(v))) continue;
    seen.add(typeof v === 'string' ? v.trim() : JSON.stringify(v));
    if (seen.size >= MAX_DISTINCT) break;
  }
  return seen.size;
}

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_ROWS = 500;

const NULLS = /^(|na|n\/a|nan|null|none|nil)$/i;
const INTEGER = /^[+-]?(0|[1-9]\d*)$/; // leading zeros (zip codes, ids) stay strings
const NUMBER = /^[+-]?((0|[1-9]\d*)(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const isNull = (v: string) => NULLS.test(v.trim());
function isDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** The narrowest type every non-null sample value fits; and whether no value was null. */
export function inferColumn(name: string, values: string[]): ColumnInfo {
  const present = values.map(v => v.trim()).filter(v => !isNull(v));
  const required = values.length > 0 && present.length === values.length;
  const all = (test: (v: string) => boolean) => present.length > 0 && present.every(test);
  let logicalType: LogicalType = 'string';
  if (all(v => INTEGER.test(v))) logicalType = 'integer';
  else if (all(v => NUMBER.test(v))) logicalType = 'number';
  else if (all(v => BOOLEAN.test(v))) logicalType = 'boolean';
  else if (all(isDate)) logicalType = 'date';
  else if (all(v => isDate(v) || TIMESTAMP.test(v))) logicalType = 'timestamp';
  return { name, logicalType, required };
}

function readSample(abs: string): { text: string; truncated: boolean } | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    const chunk = buf.subarray(0, n);
    if (chunk.includes(0)) return undefined; // binary
    const truncated = n === SAMPLE_BYTES;
    let text = chunk.toString('utf8').replace(/^\uFEFF/, '');
    // Drop a partial last line when the file is longer than the sample.
    if (truncated) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
    return { text, truncated };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function delimitedSchema(text: string, delimiter: string): DatasetSchema | undefined {
  const rows = parse(text, {
    delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: SAMPLE_ROWS + 1, bom: true,
  }) as string[][];
  if (rows.length === 0) return undefined;
  const header = rows[0].map((h, i) => h.trim() || `column_${i + 1}`);
  const body = rows.slice(1);
  const columns = header.map((name, i) => inferColumn(name, body.map(r => r[i] ?? '')));
  return { columns, sampledRows: body.length, distinctValues: header.map((_, i) => countDistinct(body.map(r => r[i]))) };
}

function jsonValueType(v: unknown): LogicalType | 'null' {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  const text = String(v);
  return isDate(text) ? 'date' : TIMESTAMP.test(text) ? 'timestamp' : 'string';
}

function jsonLinesSchema(text: string): DatasetSchema | undefined {
  const records: Record<string, unknown>[] = [];
  for (const line of text.split('\n').slice(0, SAMPLE_ROWS)) {
    if (!line.trim()) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === 'object' && !Array.isArray(v)) records.push(v as Record<string, unknown>);
    } catch {
      // a malformed line: ignore it in the sample
    }
  }
  if (records.length === 0) return undefined;
  const names: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns = names.map(name => {
    const types = new Set(records.map(r => jsonValueType(r[name])));
    const required = !types.has('null');
    types.delete('null');
    let logicalType: LogicalType = 'string';
    if (types.size === 1) logicalType = [...types][0] as LogicalType;
    else if (types.size === 2 && types.has('integer') && types.has('number')) logicalType = 'number';
    return { name, logicalType, required };
  });
  return { columns, sampledRows: records.length, distinctValues: names.map(name => countDistinct(records.map(r => r[name]))) };
}

/** The schema of a dataset file, or undefined when its format is not readable here (Parquet, binary, empty). */
export function sampleDatasetSchema(abs: string): DatasetSchema | undefined {
  const lower = abs.toLowerCase();
  const kind = /\.(csv|txt)$/.test(lower) ? ',' : lower.endsWith('.tsv') ? '\t' : /\.(jsonl|ndjson)$/.test(lower) ? 'jsonl' : undefined;
  if (!kind) return undefined;
  const sample = readSample(abs);
  if (!sample || !sample.text.trim()) return undefined;
  try {
    return kind === 'jsonl' ? jsonLinesSchema(sample.text) : delimitedSchema(sample.text, kind);
  } catch {
    return undefined; // malformed file: the caller writes a skeleton instead
  }
}
