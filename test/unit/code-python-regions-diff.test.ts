// Differential test of region parsing: checkCode's findings with region parsing must equal those
// of a forced full parse, for every Python and notebook fixture and for generated tricky files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkCode, initCodeParsers } from '../../server/src/engine/code';
import { parseStats } from '../../server/src/engine/code/parsers';
import { pythonParsing } from '../../server/src/engine/code/python/syntax';
import type { Finding } from '../../server/src/engine/types';
import { fixturePath } from '../helpers';

let run = 0;
// Text parsed in each mode: region parsing must really parse less, or the comparison proves nothing.
const unitsParsed = { regions: 0, full: 0 };
/** Findings without the file name; each call uses fresh document keys so no cached tree is re-used. */
function findingsWith(regions: boolean, name: string, text: string): string {
  pythonParsing.regions = regions;
  const before = parseStats.units;
  try {
    const findings = checkCode(`diff-${run++}/${name}`, text);
    unitsParsed[regions ? 'regions' : 'full'] += parseStats.units - before;
    return JSON.stringify(findings.map(({ file: _file, ...rest }: Finding) => rest));
  } finally {
    pythonParsing.regions = true;
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (/\.(py|ipynb)$/.test(entry.name)) out.push(full);
  }
  return out;
}

// Blocks of a Python file, each with something a rule looks at, shuffled into many files.
const BLOCKS = [
  '"""Module docstring mentioning OpenAI() and torch.load(x), not code."""\n',
  'import os\nimport pickle\nimport torch\nimport requests\n',
  'from openai import OpenAI\nfrom transformers import AutoModel, pipeline\n',
  'API_URL = "https://api-inference.huggingface.co/models/gpt2"\n',
  'HUB_ID = "meta-llama/Llama-2-7b-hf"\n',
  'SAFE = "models/clf.pkl"\n',
  'client = OpenAI()\n',
  'tolerant = OpenAI(timeout=30)\n',
  '@retry(times=3)\n@cache\ndef load_state(path):\n    return torch.load(path)\n',
  'def nested_import():\n    import anthropic\n    return anthropic.Anthropic()\n',
  'class Service:\n    def __init__(self):\n        self.client = OpenAI()\n# a column-0 comment inside the class\n    def ask(self):\n        return requests.post(API_URL, json={"inputs": "hi"})\n',
  'model = AutoModel.from_pretrained(HUB_ID, trust_remote_code=True)\n',
  'pipe = pipeline("text-generation")\n',
  'chat = dict(model="gpt-4o", messages=[])\n',
  'try:\n    data = pickle.load(open(SAFE, "rb"))\nexcept OSError:\n    data = pickle.loads(raw)\nelse:\n    pass\nfinally:\n    path = "/home/alice/data.csv"\n',
  'if __name__ == "__main__":\n    main = OpenAI()\n    requests.get(API_URL)\n',
  'with open("/Users/bob/model.pkl", "rb") as fh:\n    obj = pickle.load(fh)\n',
  'TEMPLATE = """\ndef fake():\n    return OpenAI()\n"""\n',
  'rows = [\n1,\n2,\n]\ntotal = 1 + \\\n2\n',
  's = f"{cfg["model"]} {x:>{w}}" + rb"\\"" # OpenAI() in a comment\n',
  // candidates on lines at several depths (parsed as lines of their own), and in compound headers (parsed
  // with their statement)
  'def ask(model="gpt-4o", retries=2):\n    if retries:\n        for _ in range(retries):\n            reply = OpenAI(\n                max_retries=1,\n            ).chat.completions.create(model="gpt-4o", messages=[])\n    return reply\n',
  'async def stream(q):\n\tasync with Session() as s:\n\t\tstate = torch.load(q); other = pickle.loads(q)\n\t\tawait s.send({\n\t\t\t"model": "gpt-4o",\n\t\t})\n',
  'class Config:\n    model_name = "gpt-4o"\n    path = "/home/carol/weights.bin"\n    loader = lambda p: torch.load(p, weights_only=False)\n',
  'def matcher(x):\n    match = re.match("gpt-4o", x)\n    case = AutoModel.from_pretrained("org/some-model", \\\n        trust_remote_code=True)\n    return match, case\n',
];

const filler = (k: number) => `def helper_${k}(rows):\n    total = 0\n    for r in rows:\n        total += r * ${k}\n    return total\n`.repeat(1 + (k % 3));

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('region parsing: same findings as a full parse', () => {
  before(() => initCodeParsers());

  it('every Python and notebook fixture', () => {
    const files = filesUnder(fixturePath());
    assert.ok(files.length >= 10, 'fixtures found');
    let withFindings = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const name = path.basename(file);
      const full = findingsWith(false, name, text);
      if (full !== '[]') withFindings++;
      assert.strictEqual(findingsWith(true, name, text), full, file);
    }
    assert.ok(withFindings >= 5, 'fixtures with findings');
    assert.ok(unitsParsed.regions < 0.9 * unitsParsed.full, `region parsing parsed less (${unitsParsed.regions} vs ${unitsParsed.full})`);
  });

  it('generated files: shuffled blocks, some subsets, CRLF, a trailing unterminated string, a notebook', () => {
    let total = 0;
    unitsParsed.regions = unitsParsed.full = 0;
    for (let seed = 1; seed <= 40; seed++) {
      let blocks = shuffled(BLOCKS, seed);
      if (seed % 3 === 0) blocks = blocks.slice(0, 8);
      // plain helpers between the blocks, as in real code, so that regions are a part of the file
      let text = blocks.map((block, k) => block + filler(seed * 100 + k)).join(seed % 4 === 0 ? '\n\n' : '');
      if (seed % 5 === 0) text = text.replace(/\n/g, '\r\n');
      if (seed % 7 === 0) text += 'broken = "never closed\n';
      const full = findingsWith(false, 'gen.py', text);
      total += (JSON.parse(full) as unknown[]).length;
      assert.strictEqual(findingsWith(true, 'gen.py', text), full, `seed ${seed}:\n${text}`);
    }
    assert.ok(total > 100, `generated files have findings (${total})`);
    assert.ok(unitsParsed.regions < 0.9 * unitsParsed.full, `region parsing parsed less (${unitsParsed.regions} vs ${unitsParsed.full})`);

    const cells = shuffled(BLOCKS, 99).map((source) => ({ cell_type: 'code', metadata: {}, outputs: [], source: source.split(/(?<=\n)/) }));
    const notebook = JSON.stringify({ cells: [{ cell_type: 'markdown', metadata: {}, source: ['# Title'] }, ...cells], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const full = findingsWith(false, 'gen.ipynb', notebook);
    assert.ok((JSON.parse(full) as unknown[]).length >= 5);
    assert.strictEqual(findingsWith(true, 'gen.ipynb', notebook), full);
  });
});
