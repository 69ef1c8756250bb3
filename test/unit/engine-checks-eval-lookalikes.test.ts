// eval-pipeline: look-alikes of an evaluation that score no model output (scripted models, an eval library's own
// unit tests, golden datasets of SQL results, a registry of eval-framework names), and a TFX evaluation stage that
// does score one.
import * as assert from 'assert';
import { checkCase, checkOf, itCases, lineOf, ML_BASE, scanTree } from './engine-support.test';

const TFX_PIPELINE = [
  'import tensorflow_model_analysis as tfma',
  'from tfx.v1.components import Evaluator, Trainer',
  '',
  'def create_pipeline(examples, trainer):',
  '    eval_config = tfma.EvalConfig(',
  '        metrics_specs=[tfma.MetricsSpec(metrics=[tfma.MetricConfig(class_name="BinaryAccuracy",',
  '            threshold=tfma.MetricThreshold(value_threshold=tfma.GenericValueThreshold(lower_bound={"value": 0.8})))])],',
  '    )',
  '    evaluator = Evaluator(',
  '        examples=examples,',
  '        model=trainer.outputs["model"],',
  '        eval_config=eval_config,',
  '    )',
  '    return [trainer, evaluator]',
  '',
].join('\n');

describe('check eval-pipeline: look-alikes that score no model', () => {
  itCases('eval-pipeline', [
    {
      name: 'an LLM-as-judge loop tested with a scripted model',
      files: { 'tests/test_workflows.py': 'from tests.fakes import ScriptedModel\n\nasync def test_llm_as_judge_loop():\n    """Mimics the llm_as_a_judge example: loop until the evaluator passes the outline."""\n    model = ScriptedModel(["outline", "pass"])\n    assert await run_loop(model) == "outline"\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: "an eval library's unit tests in tests/evals/ (a mock evaluator, exact arithmetic)",
      files: {
        'tests/evals/test_dataset.py': 'import json\nfrom mylib.evals import Dataset, Evaluator\n\nclass MockEvaluator(Evaluator):\n    def evaluate(self, ctx):\n        return ctx.expected_output == ctx.output\n\ndef test_report():\n    report = Dataset(cases=[]).evaluate_sync(lambda x: x)\n    assert json.loads(report.to_json())["cases"] == []\n',
        'tests/evals/test_reporting.py': 'def test_average(cases):\n    aggregate = average(cases)\n    assert abs(aggregate.metrics["accuracy"] - 0.90) < 1e-10\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'SQL helpers checked against a golden dataset (no model)',
      files: { 'tests/unit/test_compute_correctness.py': '"""SQL helpers produce correct results for a known golden dataset."""\nimport statistics\n\ndef test_mean(store):\n    assert store.mean("fare") == statistics.mean([1.0, 2.0])\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a registry of eval-framework names and descriptions (eval.ts)',
      files: { 'src/eval.ts': '/**\n * Frameworks supported in the eval.yaml file of benchmark datasets.\n */\nexport const EVALUATION_FRAMEWORKS = {\n  ragbench: {\n    name: "ragbench",\n    description: "Scores answer faithfulness and retrieval quality.",\n  },\n} as const;\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a TFX Evaluator with a TFMA metric threshold in training_pipeline.py',
      base: ML_BASE,
      files: { 'src/tfx_pipelines/training_pipeline.py': TFX_PIPELINE },
      status: 'pass', evidence: 'src/tfx_pipelines/training_pipeline.py',
    },
    {
      name: 'an LLM-judged test of the real chain (the model is not stubbed)',
      files: { 'tests/test_quality.py': 'from app.rag import answer\n\nJUDGE_PROMPT = "Does the answer match the expected answer? {expected} / {actual}"\n\ndef test_answers_match():\n    assert judge(JUDGE_PROMPT, answer("Where is order 12?"), "In transit")\n' },
      status: 'pass', evidence: 'tests/test_quality.py',
    },
    {
      name: 'a quality floor asserted with a message',
      base: ML_BASE,
      files: { 'tests/test_model.py': 'def test_accuracy(model, X, y):\n    accuracy = (model.predict(X) == y).mean()\n    assert accuracy >= 0.8, f"accuracy {accuracy:.2f} below the floor"\n' },
      status: 'pass', evidence: 'tests/test_model.py',
    },
    {
      name: 'a quality floor joined to another condition by and',
      base: ML_BASE,
      files: { 'tests/test_floor_and.py': 'def test_floors(model, X, y):\n    f1, ok = score(model, X, y)\n    assert f1 > 0.7 and ok\n' },
      status: 'pass', evidence: 'tests/test_floor_and.py',
    },
  ]);

  it('a TFX pipeline passes on its own (no tensorflow_model_analysis import needed)', checkCase('eval-pipeline', {
    name: 'Evaluator stage only', base: ML_BASE,
    files: { 'pipelines/train_pipeline.py': TFX_PIPELINE.replace('import tensorflow_model_analysis as tfma\n', '').replace(/tfma\.\w+\(/g, 'dict(') },
    status: 'pass', evidence: 'pipelines/train_pipeline.py',
  }));

  it('cites the metric line of an evaluation script, not the import its context pattern met first', async () => {
    const script = 'import argparse\nimport json\n\ndef main(pred, labels):\n    accuracy = sum(p == y for p, y in zip(pred, labels)) / len(labels)\n    print(json.dumps({"accuracy": accuracy}))\n\nif __name__ == "__main__":\n    main(*argparse.ArgumentParser().parse_args())\n';
    const check = checkOf(await scanTree({ ...ML_BASE, 'evals/evaluate.py': script }), 'eval-pipeline');
    const cited = check.evidence.find((e) => e.file === 'evals/evaluate.py');
    assert.strictEqual(cited?.line, lineOf(script, 'accuracy = sum('));
  });
});
