// Precision: placeholders, references, doc example keys, hashes, blobs, markup and look-alikes
// never match; the path gate; and linear time on large inputs.
import * as assert from 'assert';
import { randomBytes, randomInt, randomUUID } from 'crypto';
import { findSecrets, isSecretScanCandidate } from '../../server/src/engine/secrets';
import { ALNUM, PROVIDER_KEYS, privateKeyPem, random } from './secrets-fakes.test';

const HEX = '0123456789abcdef';

function assertNoHits(text: string, relPath: string, what: string): void {
  const hits = findSecrets(text, relPath);
  assert.strictEqual(hits.length, 0, `${what}: unexpected ${hits.map((h) => `${h.rule} ${h.masked} @${h.line}:${h.column}`).join(', ')}`);
}

describe('secrets: placeholders and references never match', () => {
  const cases: [string, string, string][] = [
    ['sk-your-key-here', 'a.py', 'OPENAI_API_KEY = "sk-your-key-here"\n'],
    ['sk-...', 'a.py', 'client = OpenAI(api_key="sk-...")\n'],
    ['sk-xxxx', '.env', 'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'],
    ['changeme', 'c.yaml', 'db:\n  password: changeme\n'],
    ['<token>', 'a.sh', 'export HF_TOKEN=<token>\ncurl -H "Authorization: Bearer <token>"\n'],
    ['${VAR}', 'c.yml', 'api_key: ${OPENAI_API_KEY}\nsecret: "${APP_SECRET_VALUE_2024}"\n'],
    ['{{ secrets.X }}', '.github/workflows/ci.yml', 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n  token: "{{ secrets.HF_TOKEN }}"\n'],
    ['%VAR%', 'run.bat', 'set API_KEY=%OPENAI_API_KEY%\n'],
    ['os.environ[...]', 'a.py', 'api_key = os.environ["OPENAI_API_KEY"]\ntoken = os.getenv("HF_TOKEN")\n'],
    ['process.env.X', 'a.ts', 'const apiKey = process.env.OPENAI_API_KEY;\nconst token = process.env["GITHUB_TOKEN"] ?? "";\n'],
    ['repeated characters', 'a.py', 'api_key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\nhf = "hf_' + 'x'.repeat(34) + '"\n'],
    ['AKIAIOSFODNN7EXAMPLE', 'a.py', 'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"\naws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n'],
    ['AWS key ending in EXAMPLE', 'a.py', `key_id = "AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 9)}EXAMPLE"\n`],
    ['GitHub docs example', 'README.md', 'export GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a\n'],
    ['Google sample key', 'a.java', 'String KEY = "AIzaSyabcdefghijklmnopqrstuvwxyz1234567";\n'],
    ['example/dummy/fake/test/sample/placeholder', 'a.py',
      ['example', 'dummy', 'fake', 'test', 'sample', 'placeholder', 'xxxxx', 'abcdef', '12345']
        .map((w, i) => `api_key_${i} = "${w}${random(ALNUM, 20)}"\n`).join('')],
    ['provider format with a marker inside', 'a.py', `k = "sk-ant-api03-${random(ALNUM, 40)}EXAMPLE${random(ALNUM, 46)}AA"\nt = "ghp_${random(ALNUM, 28)}test1234"\n`],
    ['secret names without values', 'a.py', 'SECRET_NAME = "OPENAI_API_KEY"\nkeys = ["api_key", "secret", "token"]\nOPENAI_API_KEY=\npassword = ""\n'],
    ['k8s secret reference', 'k8s/deploy.yaml', 'env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai-api-key\n        key: OPENAI_API_KEY\n'],
    ['tokenizer special tokens', 'a.py', 'tokenizer.pad_token = "<|endoftext|>"\neos_token = "</s>"\nmax_tokens = 4096\n'],
    ['comparison, not assignment', 'a.py', `if password == "${random(ALNUM, 20)}1":\n    pass\n`],
    ['Jupyter server URL token', 'n.ipynb', `{"text": ["http://localhost:8888/?token=${random(HEX, 48)}\\n"]}`],
    ['templated value', 'a.py', 'api_key = f"{prefix}-{suffix}-{version}"\ntoken = "%s-%s" % (a, b)\n'],
    ['public-by-design keys (PostHog project, Stripe publishable, Mapbox public)', 'a.py',
      `posthog_api_key = "phc_${random(ALNUM, 43)}"\nSTRIPE_PUBLISHABLE_KEY = "pk_live_${random(ALNUM, 24)}"\nmapbox_token = "pk.eyJ1Ijoi${random(ALNUM, 40)}"\n`],
    ['keys named public or anon (meant to ship in client code)', 'constants.py',
      `SUPABASE_PUBLIC_API_KEY = "eyJhbGciOiJIUzI1NiJ9.${random(ALNUM, 60)}.${random(ALNUM, 43)}"\nsupabase_anon_key = "${random(ALNUM, 40)}9"\nNEXT_PUBLIC_ANALYTICS_KEY = "${random(ALNUM, 32)}7"\n`],
    ['an Algolia DocSearch search-only key in a site config, and a chat widget website token', 'docs/docusaurus.config.js',
      `module.exports = {\n  themeConfig: {\n    algolia: {\n      appId: "${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}",\n      apiKey: "${random(HEX, 32)}",\n      indexName: "docs",\n    },\n  },\n};\nwindow.chatwootSDK.run({ websiteToken: '${random(ALNUM, 24)}', baseUrl: BASE_URL });\n`],
    ['words joined by separators, no digit', 'test_llm.py', 'create_llm(api_key="caller-passed-WRONG-key")\nclient(api_key="Not-A-Real-Key")\n'],
    ['a URL ending in a credential word, then a comma and a field name', 'gcp-auth.test.ts',
      `normalize('{"token_uri":"https://token","auth_provider_x509_cert_url":"https://cert"}');\nfetch("https://api.example.com/v1/token", "client_x509_cert_url_2");\n`],
    ['the key id of a presigned S3 URL (a GitHub attachment link)', 'website/meta/universe.json',
      `{"thumb": "https://github-production-user-asset-6210df.s3.amazonaws.com/1/2.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}%2F20250414%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${random(HEX, 64)}"}\nold = "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}&Expires=1700000000&Signature=x"\n`],
    ['translated labels under credential names', 'frontend/src/locales/ja/common.js',
      'export default {\n  token: "Confluenceアクセストークン",\n  pat_token: "Confluenceパーソナルアクセストークン",\n  api_key: "APIキー_2024_設定してください",\n};\n'],
    ['an expression inside an ARM template string', 'deploy.json',
      `{"value": "[concat(parameters('name'),'.redis.cache.windows.net:6380,password=',listKeys(concat('Microsoft.Cache/redis/', parameters('name'))).primaryKey)]"}\n`],
    ['Kubernetes Secret data that decodes to a placeholder', 'k8s/secrets.yaml',
      `data:\n  JWT_SECRET_KEY: ${Buffer.from('app-dev-jwt-secret-change-me').toString('base64')}\n  db-password: ${Buffer.from('password123').toString('base64')}\n`],
    ['an upper-case marker a reproduction looks for', 'src/reproduction/issue-17040.ts',
      "const secret = 'ISSUE-17040-TEXT-FILE-ONLY-9f31c7';\nconst token = 'RUN_2024_CANARY_MARKER_TEXT';\n"],
    ['URL and path values', 'a.py', 'secret = "https://vault.internal/v1/secret/data/app01"\ntoken = "/var/run/secrets/kubernetes.io/token2"\n'],
  ];
  for (const [name, relPath, text] of cases) it(name, () => assertNoHits(text, relPath, name));

  it('an api key beside an app id, with no Algolia search config around it, is still reported', () => {
    const text = `const config = {\n  appId: "${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}",\n  apiKey: "${random(HEX, 32)}",\n  indexName: "orders",\n};\n`;
    assert.strictEqual(findSecrets(text, 'src/admin.ts').length, 1);
  });

  it('a licence-style key of random upper-case groups is still reported (not a marker of words)', () => {
    const group = () => random('ABCDEFGHJKLMNPQRSTUVWXYZ', 2) + random('0123456789', 1) + random('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 2);
    const text = `LICENSE_SECRET = "${[group(), group(), group(), group(), group()].join('-')}"\n`;
    assert.strictEqual(findSecrets(text, 'src/license.py').length, 1, text);
  });

  it('key-shaped strings that miss the provider format (no T3BlbkFJ, wrong length, wrong alphabet)', () => {
    const text = [
      `OPENAI_API_KEY = "sk-${random(ALNUM, 48)}"`,
      `OPENAI_API_KEY = "sk-proj-${random(ALNUM, 100)}"`,
      `ANTHROPIC_API_KEY = "sk-ant-api03-${random(ALNUM, 95)}"`,
      `HF_TOKEN = "hf_${random(ALNUM, 34)}9"`,
      `GROQ_API_KEY = "gsk_${random(ALNUM, 40)}"`,
      `GITHUB_TOKEN = "ghp_${random(ALNUM, 30)}"`,
      `aws = "AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 12)}"`,
    ].join('\n');
    assertNoHits(text, 'a.py', 'look-alikes');
  });

  it('word-made values are test fixtures in test code, and stand as hard-coded passwords elsewhere', () => {
    const text = 'monkeypatch.setenv("STUDIO_PASSWORD", "env-supplied-pw12")\n';
    assertNoHits(text, 'cli/tests/test_password_prompt.py', 'in tests');
    assert.strictEqual(findSecrets(text, 'cli/settings.py').length, 1, 'in production code');
    // Random key material in a test file is still reported: a real key committed with a test leaks all the same.
    const key = `${random(ALNUM, 14)}7${random(ALNUM, 14)}`;
    assert.strictEqual(findSecrets(`api_key = "${key}"\n`, 'tests/test_client.py').length, 1);
  });

  it('in test code, a key under a name that says it is made up is a fixture; the same line elsewhere stands', () => {
    const openai = PROVIDER_KEYS.find((k) => k.rule === 'openai-api-key')!.make();
    const generic = `${random(ALNUM, 14)}7${random(ALNUM, 14)}`;
    for (const line of [
      `TEST_SECRET = "${openai}"`, `fake_api_key: str = '${openai}'`, `dummyToken = "${generic}"`, `  "mock_key": "${openai}",`,
      `MOCK_SECRET = "${generic}"`,
    ]) {
      assertNoHits(`${line}\n`, 'tests/lib/test_webhooks.py', line);
      assert.strictEqual(findSecrets(`${line}\n`, 'src/lib/webhooks.py').length, 1, `outside tests: ${line}`);
    }
    // A name that does not say so (`latest_token`, `contest_key`: no whole word) is reported in tests too.
    for (const line of [`latest_token = "${openai}"`, `contest_key = "${openai}"`, `client = OpenAI(api_key="${openai}")`]) {
      assert.strictEqual(findSecrets(`${line}\n`, 'tests/test_client.py').length, 1, line);
    }
  });

  it('a private key under a test folder is a test certificate; anywhere else it is reported', () => {
    const pem = privateKeyPem();
    assertNoHits(pem, 'tests/fixtures/mtls/client.key', 'test fixture');
    assertNoHits(`KEY = """${pem}"""\n`, 'src/pkg/tests/test_signing.py', 'test module');
    assert.strictEqual(findSecrets(pem, 'deploy/certs/client.key').length, 1);
  });

  it('pk-lf- (public) Langfuse keys are not reported; sk-lf- are', () => {
    const text = `LANGFUSE_PUBLIC_KEY="pk-lf-${randomUUID()}"\nLANGFUSE_SECRET_KEY="sk-lf-${randomUUID()}"\n`;
    assert.deepStrictEqual(findSecrets(text, '.env').map((h) => [h.line, h.rule]), [[2, 'langfuse-secret-key']]);
  });
});

describe('secrets: hashes, ids and blobs never match', () => {
  it('UUIDs, git SHAs and hashes under credential-like names', () => {
    const text = [
      `token = "${randomUUID()}"`,
      `secret: "${random(HEX, 40)}"`,
      `password = "${random(HEX, 64)}"`,
      `"integrity": "sha512-${randomBytes(64).toString('base64')}"`,
      `commit_token = "${random(HEX, 40)}"`,
      `revision = "${random(HEX, 40)}"`,
    ].join('\n');
    assertNoHits(text, 'a.py', 'hashes');
  });

  it('base64 images in notebook outputs (and long base64 under a token name)', () => {
    const png = randomBytes(300_000).toString('base64');
    const nb = JSON.stringify({
      cells: [{ cell_type: 'code', source: ['plt.plot(x)\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': png, 'text/plain': ['<Figure>'] } }] }],
      metadata: { kernelspec: { name: 'python3' } },
    }, null, 1);
    assertNoHits(nb, 'nb/plots.ipynb', 'image output');
    assertNoHits(`token = "${randomBytes(600).toString('base64')}"\n`, 'a.py', 'long base64 value');
  });

  it('binary notebook outputs are not scanned; a key elsewhere in the notebook keeps its exact line', () => {
    const aws = PROVIDER_KEYS.find((k) => k.provider === 'AWS')!;
    const openai = PROVIDER_KEYS.find((k) => k.provider === 'OpenAI')!;
    const inImage = (key: string) => `${randomBytes(3000).toString('base64')} ${key} ${randomBytes(3000).toString('base64')}`;
    const printed = openai.make();
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['plt.plot(x)\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': inImage(aws.make()), 'text/plain': ['<Figure>'] } }] },
        { cell_type: 'code', source: ['show()\n'], outputs: [{ output_type: 'display_data', data: { 'image/jpeg': [inImage(aws.make()), inImage(openai.make())], 'application/pdf': inImage(aws.make()) } }] },
        { cell_type: 'code', source: ['print(key)\n'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`using ${printed}\n`] }] },
      ],
    }, null, 1);
    const hits = findSecrets(nb, 'nb/plots.ipynb');
    assert.deepStrictEqual(hits.map((h) => h.provider), ['OpenAI'], 'only the printed key');
    const lines = nb.split('\n');
    assert.ok(lines[hits[0].line - 1].includes(printed), 'at its line');
    assert.strictEqual(lines[hits[0].line - 1].indexOf(printed), hits[0].column, 'at its column');
    // the same bytes in a file that is not a notebook are scanned as they are
    assert.ok(findSecrets(nb, 'nb/plots.json').length >= 3, 'a .json file is scanned whole');
  });

  it('CSS class names and HTML ids that start with a key prefix', () => {
    const hfShaped = `hf_${random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`;
    const html = [
      '<button class="sk-button sk-button--primary">Go</button>',
      '<div id="hf_container" class="hf_widget gsk_panel"></div>',
      `<section id="${hfShaped}"></section>`,
      '.sk-proj-header { color: red } #hf_containerWrapperForTheMainHeader { margin: 0 }',
      '<div className="hf_containerWrapperForTheMainHeader" />',
    ].join('\n');
    assertNoHits(html, 'web/index.html', 'markup');
    assertNoHits(html, 'web/App.tsx', 'markup in tsx');
  });
});

describe('secrets: path gate', () => {
  const skipped = ['package-lock.json', 'web/yarn.lock', 'poetry.lock', 'uv.lock', 'dist/app.min.js', 'app.js.map',
    '.env.example', '.env.sample', 'conf/.env.template', 'config.example.yaml', 'settings.yaml.sample', 'docs/logo.png',
    'model.safetensors', 'node_modules/x/index.js', 'venv/lib/python3.11/site-packages/openai/x.py', 'data/train.csv',
    'tests/test_data/scan.dcm', 'data/brain.nii', 'reports/q3.xlsx', 'survey.sav'];
  const scanned = ['.env', '.env.local', 'app/main.py', 'nb/explore.ipynb', 'config.yaml', 'examples/quickstart.py',
    'src/example.ts', 'Dockerfile', 'k8s/secret.yaml', 'README.md'];
  it('skips lock files, minified bundles, example env files, binaries and vendored code', () => {
    for (const p of skipped) assert.strictEqual(isSecretScanCandidate(p), false, p);
  });
  it('scans code, config, notebooks and committed .env files', () => {
    for (const p of scanned) assert.strictEqual(isSecretScanCandidate(p), true, p);
  });
  it('findSecrets itself honours the gate', () => {
    const line = `OPENAI_API_KEY=${PROVIDER_KEYS[0].make()}\n`;
    assert.strictEqual(findSecrets(line, '.env.example').length, 0);
    assert.strictEqual(findSecrets(line, '.env').length, 1);
  });
});

describe('secrets: robustness and speed', () => {
  it('odd input does not throw', () => {
    for (const t of ['', '\0\0\0', '\uFFFD'.repeat(1000), 'api_key = "', 'api_key = \\"', '-----BEGIN PRIVATE KEY-----', 'sk-', '"key":']) {
      assert.doesNotThrow(() => findSecrets(t, 'x.py'));
    }
    assert.deepStrictEqual(findSecrets(undefined as unknown as string, 'x.py'), []);
  });

  it('a 10 MB random single-line input finishes in well under 2 s', function () {
    this.timeout(20_000);
    const alphabet = ALNUM + '+/=_-:"\' .,;{}[]()';
    const bytes = randomBytes(10_000_000);
    let text = '';
    for (let i = 0; i < bytes.length; i += 65_536) {
      const chunk = bytes.subarray(i, i + 65_536);
      text += Array.from(chunk, (b) => alphabet[b % alphabet.length]).join('');
    }
    // A few real keys inside, so every stage runs, not just the fast path.
    const keys = PROVIDER_KEYS.slice(0, 5).map((k) => k.make());
    for (const k of keys) {
      const at = randomInt(text.length - 200);
      text = text.slice(0, at) + ' "' + k + '" ' + text.slice(at);
    }
    const t0 = process.hrtime.bigint();
    const hits = findSecrets(text, 'big.json');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    assert.ok(hits.length >= keys.length, `found ${hits.length} of ${keys.length} planted keys`);
  });

  it('keyword-dense adversarial inputs stay linear (< 2 s each)', function () {
    this.timeout(60_000);
    const inputs: [string, string][] = [
      ['sk-' + 'a'.repeat(5_000_000), 'a.py'],
      ['api_key = "'.repeat(500_000), 'a.py'],
      ['a_token=b'.repeat(500_000), '.env'],
      ['api_key = \\"'.repeat(400_000), 'n.ipynb'],
      ['-----BEGIN PRIVATE KEY-----'.repeat(200_000), 'k.pem.txt'],
      ['JQQJ99'.repeat(1_000_000), 'a.py'],
    ];
    for (const [text, relPath] of inputs) {
      const t0 = Date.now();
      findSecrets(text, relPath);
      assert.ok(Date.now() - t0 < 2000, `${text.slice(0, 12)}… took ${Date.now() - t0} ms`);
    }
  });
});
