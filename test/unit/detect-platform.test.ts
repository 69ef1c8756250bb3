// An ML platform SDK (Vertex AI: google-cloud-aiplatform, vertexai) proves an AI project but gives its kind only
// when nothing else does: a pipeline starting training jobs is classic ML, Gemini through vertexai an LLM app.
import * as assert from 'assert';
import { importsOf } from '../../server/src/engine/projects/imports';
import { projectsOf } from './detect-weak.test';

const TRAINING_JOB = [
  'from google.cloud import aiplatform',
  'import google.cloud.aiplatform as aip',
  '',
  'def launch(project: str):',
  '    aip.init(project=project, location="europe-west4")',
  '    job = aip.CustomTrainingJob(display_name="churn", script_path="task.py", container_uri="europe-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest")',
  '    return job.run(replica_count=1)',
  '',
].join('\n');

const GEMINI = [
  'import vertexai',
  'from vertexai.generative_models import GenerativeModel',
  '',
  'def summarise(text: str) -> str:',
  '    vertexai.init(location="europe-west4")',
  '    return GenerativeModel("gemini-1.5-flash-002").generate_content(text).text',
  '',
].join('\n');

describe('ML platform SDKs', () => {
  it('a pipeline that only starts Vertex AI training jobs is a classic-ML project, not an LLM app', async () => {
    const [p] = await projectsOf({ 'requirements.txt': 'google-cloud-aiplatform==1.71.1\n', 'pipeline/launch.py': TRAINING_JOB });
    assert.strictEqual(p?.aiKind, 'classic-ml');
    assert.deepStrictEqual(p.kinds, ['classic-ml']);
    // By the import alone too, and by a bare `import vertexai`.
    const [q] = await projectsOf({ 'setup.py': 'from setuptools import setup\nsetup(name="launch", install_requires=["pyyaml"])\n', 'launch/run.py': TRAINING_JOB });
    assert.strictEqual(q?.aiKind, 'classic-ml');
    const [r] = await projectsOf({ 'requirements.txt': 'vertexai==1.71.1\n', 'tune.py': 'import vertexai\nfrom vertexai.preview import tuning\n' });
    assert.strictEqual(r?.aiKind, 'classic-ml');
  });

  it("the SDK's generative modules make an LLM app, even beside the SDK declared and imported elsewhere", async () => {
    const [p] = await projectsOf({ 'requirements.txt': 'google-cloud-aiplatform==1.71.1\n', 'app/summarise.py': GEMINI, 'app/deploy.py': TRAINING_JOB });
    assert.strictEqual(p?.aiKind, 'llm-app');
    const [q] = await projectsOf({
      'requirements.txt': 'google-cloud-aiplatform==1.71.1\n',
      'app/chat.py': 'from vertexai.preview.generative_models import GenerativeModel, ChatSession\n',
      'app/text.py': 'from vertexai.language_models import TextGenerationModel\n',
    });
    assert.strictEqual(q?.aiKind, 'llm-app');
  });

  it('beside a deep-learning framework the platform takes that kind', async () => {
    const [p] = await projectsOf({ 'requirements.txt': 'google-cloud-aiplatform==1.71.1\ntorch==2.5.1\n', 'trainer/task.py': 'import torch\nfrom google.cloud import aiplatform\n' });
    assert.strictEqual(p?.aiKind, 'deep-learning');
    assert.deepStrictEqual(p.kinds, ['deep-learning']);
  });

  it('a module imported from a namespace package is recorded under its full name (from google.cloud import aiplatform)', async () => {
    assert.deepStrictEqual(importsOf('python', 'from google.cloud import aiplatform, storage as gcs\n').sort(), ['google', 'google.cloud', 'google.cloud.aiplatform', 'google.cloud.storage']);
    assert.deepStrictEqual(importsOf('python', 'from google import (\n    genai,  # Gemini\n)\n').sort(), ['google', 'google.genai']);
    // Other packages' imported names are functions and classes, not modules.
    assert.deepStrictEqual(importsOf('python', 'from openai import OpenAI\n'), ['openai']);
    const [p] = await projectsOf({ 'setup.py': 'from setuptools import setup\nsetup(name="launch", install_requires=["pyyaml"])\n', 'launch/run.py': 'from google.cloud import aiplatform\n\naiplatform.init(project="p")\n' });
    assert.deepStrictEqual([p?.aiKind, p?.frameworks], ['classic-ml', ['google.cloud.aiplatform']]);
    const [q] = await projectsOf({ 'setup.py': 'from setuptools import setup\nsetup(name="chat", install_requires=["pyyaml"])\n', 'chat/gemini.py': 'from google import genai\n\nclient = genai.Client()\n' });
    assert.strictEqual(q?.aiKind, 'llm-app');
  });
});
