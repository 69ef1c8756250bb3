// Valid seed documents per file kind, and fast-check arbitraries that mutate them (the fuzz inputs).
import fc from 'fast-check';

const notebook = JSON.stringify({
  cells: [
    { cell_type: 'code', source: ['import torch\n', 'from transformers import AutoModel\n', 'm = AutoModel.from_pretrained("bert-base-uncased")\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }], metadata: {}, execution_count: 1 },
    { cell_type: 'markdown', source: ['# Eval\n', 'accuracy baseline 0.8\n'], metadata: {} },
  ],
  metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5,
}, null, 1);

/** File name -> a valid document of that kind. */
export const SEEDS: Record<string, string> = {
  'requirements.txt': 'openai==1.30.0\ntorch>=2.1\n-r base.txt\n--hash=sha256:00ff\ngit+https://example.com/x.git#egg=x\nlangchain ; python_version > "3.8"\n',
  'pyproject.toml': '[project]\nname = "demo"\ndependencies = ["openai==1.30.0", "mlflow>=2"]\n[tool.poetry.dependencies]\npython = "^3.10"\nanthropic = { version = "0.25.0", optional = true }\n',
  'package.json': '{"name":"demo","version":"1.0.0","dependencies":{"openai":"^4.0.0","langchain":"0.1.0"},"scripts":{"test":"vitest"}}\n',
  'notebook.ipynb': notebook,
  '.ai-preflight.yaml': 'stage: pilot\nprojects: [svc]\nignore: ["legacy/**"]\nrules:\n  model-card: off\n  monitoring: { severity: error, evidence: ["infra/**/*.tf"] }\n  rollback: { external: "Argo" }\ncustom:\n  - id: dpia\n    title: DPIA\n    pillar: trust\n    severity: { pilot: warning, production: error }\n    present-when: { file: "docs/dpia.md", contains: "Risk" }\n',
  'environment.yml': 'name: demo\ndependencies:\n  - python=3.11\n  - pytorch\n  - pip:\n    - openai==1.30.0\n',
  '.github/workflows/ci.yml': 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n      - run: promptfoo eval\n',
  'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    deps: [data/train.csv]\n    outs: [model.pkl]\n',
  'app.py': 'import openai\nimport pickle\nclient = openai.OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[])\nm = pickle.load(open("/home/me/m.pkl", "rb"))\n',
  'index.ts': 'import OpenAI from "openai";\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: "gpt-4o", messages: [] });\n',
  'data/train.csv': 'id,text,label\n1,hello,0\n2,"a, b",1\n',
  'contracts/orders.odcs.yaml': 'apiVersion: v3.0.0\nkind: DataContract\nschema:\n  - name: orders\n    properties:\n      - { name: id, logicalType: integer }\n',
  '.env': 'OPENAI_API_KEY=\nDEBUG=1\n',
};

export const SEED_NAMES = Object.keys(SEEDS);

type Op = (s: string) => string;

const at = (s: string, f: number) => Math.floor(f * (s.length + 1));

/** One structural mutation: insert, delete, duplicate or truncate a slice, or splice in odd characters. */
const mutation: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'binary', maxLength: 8 })).map(([p, ins]): Op => (s) => s.slice(0, at(s, p)) + ins + s.slice(at(s, p))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40)).map(([p, n]): Op => (s) => s.slice(0, at(s, p)) + s.slice(at(s, p) + n)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(60), fc.nat(50)).map(([p, n, times]): Op => (s) => { const i = at(s, p); return s.slice(0, i) + s.slice(i, i + n).repeat(times) + s.slice(i); }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((p): Op => (s) => s.slice(0, at(s, p))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('\0', '\uFEFF', '\r', '\u2028', '\uD800', '{', '[', '"', ':', '- ', '\t', '&a', '*a', '!!binary', '<<: *a', '0x', '\\', '"""', "'''", '%', '#', '\n\n')).map(([p, c]): Op => (s) => s.slice(0, at(s, p)) + c + s.slice(at(s, p))),
);

/** A seed of the given kind after a few mutations, or sometimes arbitrary text. */
export function contentFor(name: string): fc.Arbitrary<string> {
  const seed = SEEDS[name];
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(mutation, { maxLength: 6 }).map((ops) => ops.reduce((s, op) => op(s), seed)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constant(seed) },
  );
}

/** A random small workspace: seed-kind files under random project folders. */
export const treeArb: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('', 'svc/', 'a/b/', 'notebooks/', 'svc/sub/'), fc.constantFrom(...SEED_NAMES)), {
    minLength: 1, maxLength: 8, selector: ([dir, name]) => dir + name,
  })
  .chain((entries) => fc.tuple(...entries.map(([dir, name]) => contentFor(name).map((c) => [dir + name, c] as const))))
  .map((pairs) => Object.fromEntries(pairs));
