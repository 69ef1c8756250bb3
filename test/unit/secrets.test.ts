// True positives: each provider's key, generated at test time, found at its exact place in the
// contexts where keys get committed (Python, JS, YAML, JSON, .env, notebook source and outputs).
import * as assert from 'assert';
import { findSecrets, maskSecret, type SecretHit } from '../../server/src/engine/secrets';
import { NAMED_KEYS, PROVIDER_KEYS, genericSecret, privateKeyPem } from './secrets-fakes.test';

interface Context { name: string; relPath: string; render: (key: string) => string; }

/** Contexts for a key found by format alone (the name around it is neutral). */
const CONTEXTS: Context[] = [
  { name: 'python call', relPath: 'app/main.py', render: (k) => `import os\n\nclient = Client(credential="${k}", timeout=30)\n` },
  { name: 'python assignment', relPath: 'app/settings.py', render: (k) => `# settings\nSERVICE_CREDENTIAL = '${k}'  # TODO move\n` },
  { name: 'js const', relPath: 'web/src/client.ts', render: (k) => `export const cfg = {\n\tauth: \`${k}\`,\n};\n` },
  { name: 'yaml', relPath: 'deploy/values.yaml', render: (k) => `llm:\n  provider: hosted\n  credential: ${k}\n` },
  { name: 'json', relPath: 'config/app.json', render: (k) => `{\n  "service": {\n    "credential": "${k}"\n  }\n}\n` },
  { name: '.env', relPath: '.env', render: (k) => `# local\nDEBUG=1\nSERVICE_CREDENTIAL=${k}\n` },
  {
    name: 'notebook output', relPath: 'nb/explore.ipynb',
    render: (k) => JSON.stringify({ cells: [{ cell_type: 'code', source: ['print(cfg)\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`credential in use: ${k}\n`] }] }] }, null, 1),
  },
  {
    name: 'notebook source (escaped quotes)', relPath: 'nb/run.ipynb',
    render: (k) => JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', `os.environ["SERVICE_CREDENTIAL"] = "${k}"\n`, 'run()\n'] }] }, null, 1),
  },
];

/** 1-based line, 0-based UTF-16 column of an offset, computed independently of the detector. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length };
}

function assertSingleHitAt(hits: SecretHit[], text: string, key: string, expect: { provider: string; rule: string }, what: string): void {
  assert.strictEqual(hits.length, 1, `${what}: expected 1 hit, got ${hits.length} (${hits.map((h) => h.rule + ' ' + h.masked).join(', ')})`);
  const offset = text.indexOf(key);
  const start = positionOf(text, offset);
  const end = positionOf(text, offset + key.length);
  const h = hits[0];
  assert.deepStrictEqual(
    { line: h.line, column: h.column, endLine: h.endLine, endColumn: h.endColumn, provider: h.provider, rule: h.rule },
    { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, provider: expect.provider, rule: expect.rule },
    what,
  );
  assert.ok(!h.masked.includes(key) && h.masked !== key, `${what}: masked form reveals the key`);
}

describe('secrets: provider-exact keys', () => {
  for (const fake of PROVIDER_KEYS) {
    it(`${fake.provider} ${fake.prefix || fake.rule}: found in every context at its exact range`, () => {
      for (const ctx of CONTEXTS) {
        const key = fake.make();
        const text = ctx.render(key);
        assertSingleHitAt(findSecrets(text, ctx.relPath), text, key, fake, `${fake.rule} in ${ctx.name}`);
      }
    });
  }

  it('masks provider keys as prefix + … + last 3', () => {
    for (const fake of PROVIDER_KEYS) {
      const key = fake.make();
      const [hit] = findSecrets(`k = "${key}"\n`, 'a.py');
      assert.ok(hit, `${fake.rule}: no hit`);
      // Keys without a public prefix (Azure) fall back to the generic form: first 2 + … + last 2.
      const expected = fake.prefix ? `${fake.prefix}\u2026${key.slice(-3)}` : `${key.slice(0, 2)}\u2026${key.slice(-2)}`;
      assert.strictEqual(hit.masked, expected, `${fake.rule} mask`);
    }
  });

  it('reports several keys in one file, in order, each once', () => {
    const keys = [PROVIDER_KEYS[0].make(), PROVIDER_KEYS[4].make(), PROVIDER_KEYS[6].make()];
    const text = keys.map((k, i) => `KEY_${i} = "${k}"`).join('\n') + '\n';
    const hits = findSecrets(text, 'keys.py');
    assert.deepStrictEqual(hits.map((h) => [h.line, h.provider]), [[1, 'OpenAI'], [2, 'Anthropic'], [3, 'Hugging Face']]);
  });
});

describe('secrets: context-anchored keys', () => {
  for (const fake of NAMED_KEYS) {
    it(`${fake.provider}: found under ${fake.names.join(', ')}`, () => {
      for (const name of fake.names) {
        const forms: [string, (k: string) => string][] = [
          ['c.yaml', (k) => `env:\n  ${name}: '${k}'\n`],
          ['d.json', (k) => `{"headers": {"${name}": "${k}"}}`],
        ];
        if (!name.includes('-')) {
          forms.push(['a.py', (k) => `${name} = "${k}"\n`], ['.env', (k) => `X=1\n${name}=${k}\n`]);
        }
        for (const [relPath, render] of forms) {
          const key = fake.make();
          const text = render(key);
          assertSingleHitAt(findSecrets(text, relPath), text, key, fake, `${fake.rule} as ${name} in ${relPath}`);
        }
      }
    });
  }

  it('does not report the same plain values under unrelated names', () => {
    for (const fake of NAMED_KEYS) {
      const text = `row_checksum = "${fake.make()}"\nrequest_id: "${fake.make()}"\n`;
      assert.strictEqual(findSecrets(text, 'a.py').length, 0, `${fake.rule} without its name`);
    }
  });
});

describe('secrets: generic assignments and private keys', () => {
  const generic: [string, string, (v: string) => string][] = [
    ['python', 'a.py', (v) => `db_password = "${v}"\n`],
    ['python kwargs', 'a.py', (v) => `connect(host="db", api_key='${v}')\n`],
    ['python annotated', 'a.py', (v) => `class S:\n    client_secret: str = "${v}"\n`],
    ['js object', 'a.js', (v) => `module.exports = { authToken: "${v}" };\n`],
    ['ts const', 'a.ts', (v) => `const SECRET_KEY: string = '${v}';\n`],
    ['yaml quoted', 'c.yml', (v) => `auth:\n  access_token: "${v}"\n`],
    ['yaml bare', 'c.yml', (v) => `auth:\n  password: ${v}  # rotate\n`],
    ['json', 'c.json', (v) => `{"api_key": "${v}"}\n`],
    ['.env', '.env.local', (v) => `export APP_SECRET=${v}\n`],
    ['getenv fallback', 'a.py', (v) => `key = os.getenv("SERVICE_API_KEY", "${v}")\n`],
    ['notebook escaped', 'n.ipynb', (v) => JSON.stringify({ cells: [{ source: [`api_key = "${v}"\n`, 'x = 1\n'] }] })],
  ];
  for (const [name, relPath, render] of generic) {
    it(`generic: ${name}`, () => {
      const v = genericSecret();
      const text = render(v);
      assertSingleHitAt(findSecrets(text, relPath), text, v, { provider: 'Generic', rule: 'generic-api-key' }, name);
      assert.strictEqual(findSecrets(text, relPath)[0].masked, `${v.slice(0, 2)}\u2026${v.slice(-2)}`);
    });
  }

  it('generic: Kubernetes Secret data that decodes to a real-looking value is still reported', () => {
    const v = Buffer.from(genericSecret()).toString('base64');
    const text = `kind: Secret\ndata:\n  api-token: ${v}\n`;
    assertSingleHitAt(findSecrets(text, 'k8s/secret.yaml'), text, v, { provider: 'Generic', rule: 'generic-api-key' }, 'k8s base64');
  });

  it('private key PEM block: reported from BEGIN to END, masked to its header', () => {
    const pem = privateKeyPem();
    const text = `KEY = """\n${pem}\n"""\n`;
    const hits = findSecrets(text, 'k.py');
    assert.strictEqual(hits.length, 1);
    assert.deepStrictEqual([hits[0].rule, hits[0].line, hits[0].column, hits[0].endLine], ['private-key', 2, 0, 15]);
    assert.strictEqual(hits[0].masked, '-----BEGIN RSA PRIVATE KEY-----\u2026');
  });

  it('private key inside a service-account JSON string (escaped newlines)', () => {
    const pem = privateKeyPem('\\n');
    const text = `{\n  "type": "service_account",\n  "private_key": "${pem}\\n",\n  "client_email": "svc@p.iam.gserviceaccount.com"\n}\n`;
    const hits = findSecrets(text, 'sa.json');
    assert.deepStrictEqual(hits.map((h) => [h.rule, h.line, h.column]), [['private-key', 3, 18]]);
  });

  it('exact columns in UTF-16 units after non-ASCII text, tabs and CRLF line ends', () => {
    const key = PROVIDER_KEYS[9].make(); // Google OAuth client secret
    const text = `# 日本語 😀 note\r\n\tlabel = "😀😀"; k = "${key}"\r\nnext\r\n`;
    const [hit] = findSecrets(text, 'u.py');
    assert.deepStrictEqual([hit.line, hit.column, hit.endLine, hit.endColumn], [2, 22, 2, 22 + key.length]);
    assert.strictEqual(text.split('\r\n')[1].slice(hit.column, hit.endColumn) === key, true);
  });

  it('maskSecret never reveals the secret, for any input', () => {
    const samples = [...PROVIDER_KEYS.map((k) => k.make()), genericSecret(), 'short', 'abcdefghij', 'sk-proj-abc', 'x', privateKeyPem()];
    for (const s of samples) {
      const m = maskSecret(s);
      assert.ok(m !== s && !m.includes(s), 'mask reveals secret');
      assert.ok(m.length <= Math.max(40, s.length - 8) || s.startsWith('-----BEGIN'), 'mask too long');
    }
    assert.strictEqual(maskSecret('short'), '\u2026');
    assert.strictEqual(maskSecret('sk-proj-' + 'Q'.repeat(5) + 'abc'), 'sk\u2026bc');
  });
});
