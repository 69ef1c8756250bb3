// Shapes met on real repositories that the engine got wrong: each case is written here from the shape, not copied.
import * as assert from 'assert';
import { findSecrets } from '../../server/src/engine/secrets';
import { checkOf, scanTree } from './engine-support.test';
import { ALNUM, random } from './secrets-fakes.test';

/** Text as Windows PowerShell's `pip freeze > requirements.txt` writes it: UTF-16 LE with a byte-order mark. */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('real repository shapes', () => {
  it('a module named setup.py that sets up a model is not a manifest (no project root there)', async () => {
    const r = await scanTree({
      'requirements.txt': 'torch==2.3.1\n',
      'vision/train.py': 'import torch\n\nmodel = torch.nn.Linear(4, 2)\n',
      'vision/eval/setup.py': 'import argparse\nfrom vision.train import model\nfrom vision.config import setup\n\ndef build(args):\n    return model\n\ndef get_args():\n    return argparse.ArgumentParser()\n\nconfig = setup(get_args())\n',
      'vision/eval/knn.py': 'import torch\n\ndef knn(x):\n    return torch.topk(x, 5)\n',
    });
    assert.deepStrictEqual(r.projects.map((p) => p.root), ['.']);
  });

  it('a setuptools script still is one, and install_requires given as a variable is read', async () => {
    const r = await scanTree({
      'routine/setup.py': 'from setuptools import find_packages, setup\n\nREQUIRED_PACKAGES = [\n    "Keras==2.2.4",\n    "tensorflow==1.15.0",\n]\n\nsetup(\n    name="ner",\n    install_requires=REQUIRED_PACKAGES,\n    packages=find_packages(),\n)\n',
      'routine/ner/model.py': 'import keras\n\nmodel = keras.Sequential()\n',
    });
    assert.deepStrictEqual(r.projects.map((p) => p.root), ['routine']);
    const pinned = checkOf(r, 'pinned-dependencies', 'routine');
    assert.strictEqual(pinned.status, 'pass', pinned.message);
    assert.ok(pinned.evidence.some((e) => e.file === 'routine/setup.py'));
  });

  it('a UTF-16 requirements.txt (PowerShell pip freeze) is read as a manifest, not skipped as binary', async () => {
    const r = await scanTree({
      'requirements.txt': utf16le('numpy==1.26.4\r\npandas==2.2.2\r\nscikit-learn==1.5.1\r\n'),
      'model.py': 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\nclf = LogisticRegression()\n',
    });
    const pinned = checkOf(r, 'pinned-dependencies');
    assert.strictEqual(pinned.status, 'pass', pinned.message);
    assert.ok(pinned.evidence.some((e) => e.file === 'requirements.txt'));
  });

  it('a big-endian UTF-16 file with a secret is read too (the key is found)', async () => {
    const key = `sk-ant-api03-${random(ALNUM, 93)}AA`;
    const le = Buffer.from(`ANTHROPIC_API_KEY = "${key}"\n`, 'utf16le');
    const r = await scanTree({
      'requirements.txt': 'anthropic==0.34.0\n',
      'app.py': 'import anthropic\n\nclient = anthropic.Anthropic(timeout=30)\n',
      'settings.py': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
    });
    assert.ok(r.findings.some((f) => f.file === 'settings.py' && f.ruleId === 'hardcoded-secrets'), JSON.stringify(r.findings.map((f) => [f.file, f.ruleId])));
  });

  it('a token that is base64 of a small JSON object without credentials is not a secret; an encoded key file is', () => {
    const plain = Buffer.from('{"session_id": "default"}').toString('base64url');
    assert.deepStrictEqual(findSecrets(`DEFAULT_TOKEN = "${plain}"\n`, 'chart.py'), []);
    const withKey = Buffer.from(JSON.stringify({ api_key: random(ALNUM, 24) })).toString('base64url');
    assert.strictEqual(findSecrets(`SERVICE_TOKEN = "${withKey}"\n`, 'deploy.py').length, 1, 'a JSON object holding a key stays reported');
  });

  it('an AutoGluon notebook and an fbprophet notebook are each a classic-ml project', async () => {
    const nb = (code: string) => JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: [code] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    for (const code of ['from autogluon.tabular import TabularPredictor\npredictor = TabularPredictor(label="target").fit("train.csv")\n', 'from fbprophet import Prophet\nm = Prophet()\n']) {
      const r = await scanTree({ 'main.ipynb': nb(code) });
      assert.deepStrictEqual(r.projects.map((p) => [p.root, p.kinds[0]]), [['.', 'classic-ml']], code);
    }
  });

  it('an LLM-judged evaluation script scoring groundedness and relevance counts as an eval pipeline', async () => {
    const r = await scanTree({
      'requirements.txt': 'openai==1.40.0\n',
      'chat.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n',
      'evaluate.py': [
        'import json',
        'from evaluators.groundedness import groundedness_evaluation',
        'from evaluators.relevance import relevance_evaluation',
        '',
        'def evaluate(path):',
        '    for line in open(path):',
        '        row = json.loads(line)',
        '        row["groundedness"] = groundedness_evaluation(question=row["q"], answer=row["a"], context=row["c"])',
        '        row["relevance"] = relevance_evaluation(question=row["q"], answer=row["a"], context=row["c"])',
        '',
      ].join('\n'),
    });
    const c = checkOf(r, 'eval-pipeline');
    assert.strictEqual(c.status, 'pass', c.message);
    assert.ok(c.evidence.some((e) => e.file === 'evaluate.py'));
  });
});
