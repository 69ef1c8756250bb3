// Weak AI evidence: an optional integration imported lazily, or a statistics library, does not make a
// library an AI project on its own; beside strong evidence it still counts toward the kind.
import * as assert from 'assert';
import * as fs from 'fs';
import { scan } from '../../server/src/engine/scan';
import { makeTree } from '../helpers';

/** The projects a scan of a temporary tree of these files finds (the tree is removed afterwards). */
export async function projectsOf(files: Record<string, string>) {
  const root = makeTree(files);
  try {
    return (await scan({ root })).projects;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('weak AI evidence', () => {
  it('a plotting library fitting regressions through statsmodels is not an AI project', async () => {
    const projects = await projectsOf({
      'pyproject.toml': '[project]\nname = "plotlib"\ndependencies = ["numpy", "matplotlib"]\n[project.optional-dependencies]\nstats = ["statsmodels"]\n',
      'plotlib/regression.py': 'import numpy as np\n\ndef fit(x, y, robust=False):\n    if robust:\n        import statsmodels.api as sm\n        return sm.RLM(y, x).fit()\n    return np.polyfit(x, y, 1)\n',
      'plotlib/stats.py': 'import statsmodels.api as sm\n\ndef lowess(x, y):\n    return sm.nonparametric.lowess(y, x)\n',
    });
    assert.deepStrictEqual(projects, []);
  });

  it('a lazily imported torch integration in a general library is not an AI project', async () => {
    const projects = await projectsOf({
      'setup.py': 'from setuptools import setup\nsetup(name="arrays", install_requires=["numpy"])\n',
      'arrays/interop.py': 'def to_torch(a):\n    try:\n        import torch\n    except ImportError:\n        raise RuntimeError("install torch")\n    return torch.from_numpy(a)\n',
    });
    assert.deepStrictEqual(projects, []);
  });

  it('an SDK whose OpenAI and Gemini integrations are optional extras is not an AI project', async () => {
    const projects = await projectsOf({
      'setup.py': 'from setuptools import setup\nsetup(name="tracker", install_requires=["urllib3"], extras_require={"openai": ["openai>=1.0"], "google-genai": ["google-genai>=1.0"]})\n',
      'tracker/integrations/openai.py': 'from openai.resources.chat import Completions\n\ndef patch():\n    Completions.create = wrap(Completions.create)\n',
      'tracker/integrations/google_genai/utils.py': 'from google.genai.types import Content\n\ndef text_of(c: Content) -> str:\n    return str(c)\n',
      'tracker/core.py': 'import urllib3\n\ndef send(event):\n    return urllib3.request("POST", "https://example.com", body=event)\n',
    });
    assert.deepStrictEqual(projects, []);
  });

  it('a library its modules import throughout is what the package is built on, even if declared only as an extra', async () => {
    const files: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "fastkernels"\ndependencies = ["typer"]\n[project.optional-dependencies]\ncu124 = ["torch==2.5.1"]\n',
      'fastkernels/cli.py': 'import typer\n\napp = typer.Typer()\n',
    };
    for (const name of ['rope', 'rms_norm', 'cross_entropy', 'swiglu']) files[`fastkernels/kernels/${name}.py`] = 'import torch\n\ndef forward(x):\n    return torch.relu(x)\n';
    const [p] = await projectsOf(files);
    assert.strictEqual(p?.aiKind, 'deep-learning');
    // Three integration modules among twenty stay an optional integration.
    const library: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "tracker"\ndependencies = ["urllib3"]\n[project.optional-dependencies]\ntorch = ["torch"]\n',
    };
    for (let i = 0; i < 17; i++) library[`tracker/core_${i}.py`] = 'import urllib3\n';
    for (const name of ['hooks', 'profiler', 'tensors']) library[`tracker/integrations/torch/${name}.py`] = 'import torch\n';
    assert.deepStrictEqual(await projectsOf(library), []);
  });

  it('the same import is strong when the library is also a runtime dependency', async () => {
    const [p] = await projectsOf({
      'pyproject.toml': '[project]\nname = "bot"\ndependencies = ["openai>=1.0"]\n[project.optional-dependencies]\nopenai = ["openai>=1.40"]\n',
      'bot/chat.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=30)\n',
    });
    assert.strictEqual(p?.aiKind, 'llm-app');
  });

  it('beside strong evidence, weak evidence still counts toward frameworks', async () => {
    const [p] = await projectsOf({
      'requirements.txt': 'scikit-learn==1.5.0\n',
      'train.py': 'from sklearn.linear_model import LogisticRegression\nimport statsmodels.api as sm\n',
    });
    assert.strictEqual(p?.aiKind, 'classic-ml');
    assert.ok(p.frameworks.includes('statsmodels'), p.frameworks.join());
  });

  it('the Hugging Face Hub clients are weak alike in Python and JS: alone no AI project, beside a model library a framework', async () => {
    assert.deepStrictEqual(await projectsOf({
      'package.json': JSON.stringify({ name: 'space-browser', dependencies: { '@huggingface/hub': '1.1.0' } }),
      'src/list.ts': 'import { listSpaces } from "@huggingface/hub";\n\nexport const spaces = () => listSpaces({ search: { owner: "acme" } });\n',
    }), []);
    assert.deepStrictEqual(await projectsOf({
      'requirements.txt': 'huggingface-hub==0.24.5\n',
      'publish.py': 'from huggingface_hub import upload_folder\n\nupload_folder(repo_id="acme/data", folder_path="out")\n',
    }), []);
    const [p] = await projectsOf({
      'requirements.txt': 'huggingface-hub==0.24.5\ntorch==2.3.1\n',
      'load.py': 'import torch\nfrom huggingface_hub import hf_hub_download\n\nstate = torch.load(hf_hub_download("acme/net", "net.pt"))\n',
    });
    assert.deepStrictEqual([p?.aiKind, p?.frameworks.includes('huggingface_hub')], ['deep-learning', true]);
  });

  it('lazy imports in many files rank below the strong evidence and only break its ties', async () => {
    const files: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "uikit"\ndependencies = ["httpx"]\n',
      'uikit/assistant.py': 'from openai import OpenAI\n\nclient = OpenAI(timeout=10)\n',
    };
    for (const name of ['caching', 'pipelines', 'external', 'media']) files[`uikit/${name}.py`] = 'def load():\n    import torch\n    return torch.zeros(1)\n';
    const [p] = await projectsOf(files);
    assert.deepStrictEqual([p?.aiKind, p?.kinds], ['llm-app', ['llm-app', 'deep-learning']]);
    // Between equal strong evidence, the weak evidence decides.
    const [tie] = await projectsOf({
      'requirements.txt': 'openai==1.40.0\ntorch==2.3.1\n',
      'app.py': 'def run():\n    import torch\n    return torch.ones(1)\n',
    });
    assert.strictEqual(tie?.aiKind, 'deep-learning');
  });

  it('a weak library declared in a manifest is as weak as imported: optuna tuning a Spark job is no AI project', async () => {
    const tuning = { 'tune.py': 'import optuna\nimport pyspark\n\ndef objective(trial):\n    return trial.suggest_float("x", 0, 1)\n' };
    assert.deepStrictEqual(await projectsOf({ 'requirements.txt': 'optuna\npyspark\n', ...tuning }), []);
    assert.deepStrictEqual(await projectsOf({ 'pyproject.toml': '[project]\nname = "embed"\ndependencies = ["umap-learn>=0.5", "category-encoders"]\n', 'embed/plot.py': 'import umap\n' }), []);
    // Beside a strong library it still counts toward the frameworks.
    const [p] = await projectsOf({ 'requirements.txt': 'optuna\nxgboost\n', ...tuning, 'train.py': 'import xgboost\n' });
    assert.strictEqual(p?.aiKind, 'classic-ml');
    assert.ok(p.frameworks.includes('optuna'), p.frameworks.join());
  });

  it('a TypeScript app whose only AI dependency is a provider SDK (together-ai) is an LLM app', async () => {
    const [p] = await projectsOf({
      'package.json': JSON.stringify({ name: 'bio', dependencies: { next: '14.0.0', 'together-ai': '0.6.0' } }),
      'app/api/generate/route.ts': 'import Together from "together-ai";\nconst together = new Together();\n',
    });
    assert.strictEqual(p?.aiKind, 'llm-app');
  });

  it('an engine that runs the model in the browser (WebLLM and its runtime) is an LLM app', async () => {
    const [engine] = await projectsOf({
      'package.json': JSON.stringify({ name: 'chat-engine', devDependencies: { '@mlc-ai/web-runtime': '0.24.0', rollup: '4.0.0' } }),
      'src/engine.ts': 'import * as tvmjs from "@mlc-ai/web-runtime";\nexport const load = (url: string) => tvmjs.instantiate(url);\n',
    });
    assert.strictEqual(engine?.aiKind, 'llm-app');
    const [app] = await projectsOf({
      'package.json': JSON.stringify({ name: 'chat', dependencies: { '@mlc-ai/web-llm': '0.2.83' } }),
      'src/chat.ts': 'import { CreateMLCEngine } from "@mlc-ai/web-llm";\nexport const engine = await CreateMLCEngine("Llama-3.1-8B-Instruct-q4f32_1-MLC");\n',
    });
    assert.strictEqual(app?.aiKind, 'llm-app');
  });
});
