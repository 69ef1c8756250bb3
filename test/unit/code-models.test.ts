// rules/models.yaml: the data file of moving hosted-model aliases and their dated snapshots.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findModelCatalogFile, isHubModelId, movingAliasSnapshot, parseModelCatalog } from '../../server/src/engine/code/models';
import { repoRoot } from '../helpers';

describe('rules/models.yaml', () => {
  const file = path.join(repoRoot, 'rules', 'models.yaml');
  const catalog = parseModelCatalog(fs.readFileSync(file, 'utf8'));

  it('loads, and is the file the engine finds', () => {
    assert.ok(catalog.aliases.size >= 20);
    assert.strictEqual(findModelCatalogFile(), file);
  });

  it('every alias has a suggested snapshot that differs from it', () => {
    for (const [alias, snapshot] of catalog.aliases) {
      assert.ok(snapshot.length > 0 && snapshot !== alias, alias);
      assert.match(snapshot, /\d{3,}/, `${alias} -> ${snapshot} should be dated or numbered`);
    }
  });

  it('no snapshot is listed as an alias, and no snapshot ends in a moving suffix', () => {
    for (const snapshot of catalog.aliases.values()) {
      assert.ok(!catalog.aliases.has(snapshot.toLowerCase()), snapshot);
      assert.ok(!catalog.aliasSuffixes.some((s) => snapshot.endsWith(s)), snapshot);
    }
  });

  it('rejects a malformed file with a clear error', () => {
    assert.throws(() => parseModelCatalog('aliases:\n  gpt-4o:\n'), /gpt-4o has no snapshot/);
    assert.throws(() => parseModelCatalog('- a\n'), /aliases/);
  });

  it('classifies aliases, snapshots and suffix aliases', () => {
    assert.strictEqual(movingAliasSnapshot('gpt-4o'), catalog.aliases.get('gpt-4o'));
    assert.strictEqual(movingAliasSnapshot('openai/gpt-4o'), catalog.aliases.get('gpt-4o'));
    assert.strictEqual(movingAliasSnapshot('gpt-4o-2024-08-06'), undefined);
    assert.strictEqual(movingAliasSnapshot('some-new-model-latest'), '');
    assert.strictEqual(movingAliasSnapshot('anthropic/claude-3-5-sonnet-latest'), catalog.aliases.get('claude-3-5-sonnet-latest'));
    // A Hugging Face repo whose name ends in -latest is a hub id (pinned with revision=), not a provider alias.
    assert.strictEqual(movingAliasSnapshot('acme-nlp/roberta-sentiment-latest'), undefined);
    assert.strictEqual(movingAliasSnapshot('text-embedding-3-small'), undefined);
  });

  it('tells hub ids from local paths', () => {
    for (const id of ['meta-llama/Llama-3.1-8B', 'bert-base-uncased', 'gpt2', 'sentence-transformers/all-MiniLM-L6-v2']) assert.ok(isHubModelId(id), id);
    for (const local of ['./model', '/models/x', 'models/bert', 'checkpoints/best', 'C:\\models\\x', '~/m', 'model.pt', 'output', '../x/y']) {
      assert.ok(!isHubModelId(local), local);
    }
  });
});
