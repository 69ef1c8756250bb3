// Dataset sampling and type inference for data contracts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inferColumn, sampleDatasetSchema } from '../../server/src/engine/fixes/datasetSchema';
import { fixturePath, makeTree } from '../helpers';

describe('fixes: dataset schema inference', () => {
  it('infers types and required-ness from a CSV header and rows (quotes, nulls, CRLF)', () => {
    const schema = sampleDatasetSchema(fixturePath('fixes', 'customers.csv'));
    assert.ok(schema);
    assert.strictEqual(schema.sampledRows, 4);
    const byName = Object.fromEntries(schema.columns.map(c => [c.name, c]));
    assert.deepStrictEqual(Object.keys(byName), ['customer_id', 'age', 'monthly_spend', 'is_active', 'signup_date', 'last_seen', 'notes', 'zip', 'score']);
    assert.deepStrictEqual(byName.customer_id, { name: 'customer_id', logicalType: 'integer', required: true });
    assert.deepStrictEqual(byName.age, { name: 'age', logicalType: 'integer', required: false });
    assert.strictEqual(byName.monthly_spend.logicalType, 'number');
    assert.strictEqual(byName.is_active.logicalType, 'boolean');
    assert.strictEqual(byName.signup_date.logicalType, 'date');
    assert.strictEqual(byName.last_seen.logicalType, 'timestamp');
    assert.deepStrictEqual(byName.notes, { name: 'notes', logicalType: 'string', required: false }, 'NA is a null; quoted commas stay in one cell');
    assert.strictEqual(byName.zip.logicalType, 'string', 'leading zeros are kept as strings');
    assert.deepStrictEqual(byName.score, { name: 'score', logicalType: 'number', required: false });
  });

  it('classifies single columns', () => {
    assert.strictEqual(inferColumn('c', ['1', '2', '-3']).logicalType, 'integer');
    assert.strictEqual(inferColumn('c', ['2024-13-01']).logicalType, 'string', 'month 13 is not a date');
    assert.strictEqual(inferColumn('c', ['', 'null']).required, false);
    assert.strictEqual(inferColumn('c', ['', '']).logicalType, 'string');
  });

  it('reads JSON Lines and TSV, and skips binary or unknown formats', () => {
    const root = makeTree({
      'd.jsonl': '{"id": 1, "text": "a", "tags": ["x"]}\n{"id": 2, "text": null, "tags": []}\nnot json\n',
      'd.tsv': 'a\tb\n1\tx\n',
      'd.csv': Buffer.from([0x61, 0x2c, 0x00, 0x62]),
      'd.parquet': 'PAR1',
    });
    const jsonl = sampleDatasetSchema(path.join(root, 'd.jsonl'));
    assert.deepStrictEqual(jsonl?.columns.map(c => [c.name, c.logicalType, c.required]), [['id', 'integer', true], ['text', 'string', false], ['tags', 'array', true]]);
    assert.deepStrictEqual(sampleDatasetSchema(path.join(root, 'd.tsv'))?.columns.map(c => c.logicalType), ['integer', 'string']);
    assert.strictEqual(sampleDatasetSchema(path.join(root, 'd.csv')), undefined);
    assert.strictEqual(sampleDatasetSchema(path.join(root, 'd.parquet')), undefined);
    assert.strictEqual(sampleDatasetSchema(path.join(root, 'missing.csv')), undefined);
  });

  it('samples only the start of a large CSV', () => {
    const rows = ['id,value'];
    for (let i = 0; i < 40_000; i++) rows.push(`${i},${i / 2}`);
    const root = makeTree({ 'big.csv': rows.join('\n') });
    assert.ok(fs.statSync(path.join(root, 'big.csv')).size > 256 * 1024);
    const schema = sampleDatasetSchema(path.join(root, 'big.csv'));
    assert.ok(schema && schema.sampledRows <= 500);
    assert.deepStrictEqual(schema.columns.map(c => c.logicalType), ['integer', 'number']);
  });
});
