// Code that calls a hosted LLM API over HTTP with no SDK (fetch to api.openai.com, requests to
// api.anthropic.com) is an LLM app when it belongs to a package; a mention in a comment, or a lone file in a
// folder of documents, is not.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { importsOf } from '../../server/src/engine/projects/imports';
import { projectsOf } from './detect-weak.test';

const FETCH_REALTIME = [
  'export async function session(key) {',
  '  const r = await fetch("https://api.openai.com/v1/realtime/sessions", {',
  '    method: "POST", headers: { Authorization: `Bearer ${key}` },',
  '  });',
  '  return r.json();',
  '}',
  '',
].join('\n');

describe('hosted LLM APIs called by URL', () => {
  it('importsOf names the API host of a quoted URL (Azure resources as one host), not of a comment', () => {
    assert.deepStrictEqual(importsOf('js', FETCH_REALTIME), ['api:api.openai.com']);
    assert.deepStrictEqual(importsOf('python', 'import requests\nURL = "https://contoso-ai.openai.azure.com/openai/deployments/x"\n'), ['requests', 'api:openai.azure.com']);
    // Example values in a settings form are not calls.
    assert.deepStrictEqual(importsOf('js', '<input placeholder="https://api.openai.com/v1" />\n'), []);
    assert.deepStrictEqual(importsOf('js', 'const hint = "https://your-instance.openai.azure.com/openai/deployments";\n'), []);
    assert.deepStrictEqual(importsOf('python', '# docs: https://api.anthropic.com/v1/messages\nimport os\n'), ['os']);
    assert.deepStrictEqual(importsOf('js', 'const u = "https://api.example.com/v1";\n'), []);
  });

  it('a URL template filled in elsewhere ({{PROVIDER}}) is no call; interpolated requests still are', () => {
    assert.deepStrictEqual(importsOf('js', 'export const PROXY_TEMPLATE = `https://router.huggingface.co/{{PROVIDER}}`;\n'), []);
    assert.deepStrictEqual(importsOf('python', 'BASE = "https://router.huggingface.co/{{provider}}/v1"\n'), []);
    assert.deepStrictEqual(importsOf('js', 'fetch(`https://router.huggingface.co/${provider}/v1/chat/completions`);\n'), ['api:router.huggingface.co']);
    assert.deepStrictEqual(importsOf('python', 'url = f"https://api.openai.com/{version}/chat/completions"\n'), ['api:api.openai.com']);
  });

  it('every host in the catalogue (rules/ai-libraries.yaml hosted-apis) is recognised, named by its host', () => {
    const doc = parse(fs.readFileSync(path.resolve(__dirname, '../../../rules/ai-libraries.yaml'), 'utf8')) as { 'hosted-apis': string[] };
    assert.ok(doc['hosted-apis'].includes('api.replicate.com'));
    for (const entry of doc['hosted-apis']) {
      const host = entry.replace(/^\*\./, 'acme-prod.');
      const label = entry.replace(/^\*\./, '').replace(/\/.*$/, '');
      assert.deepStrictEqual(importsOf('js', `await fetch("https://${host}/v1/predictions", { method: "POST" });\n`), [`api:${label}`], entry);
    }
  });

  it('an Express app that calls the OpenAI API with fetch is an LLM app, with the call as evidence', async () => {
    const [p, ...rest] = await projectsOf({
      'package.json': JSON.stringify({ name: 'voice', dependencies: { express: '4.21.2', react: '18.2.0' } }),
      'server.js': FETCH_REALTIME,
    });
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(p?.aiKind, 'llm-app');
    assert.ok(p.aiEvidence.some((e) => e.file === 'server.js' && e.note === 'calls the API at api.openai.com'), JSON.stringify(p.aiEvidence));
    assert.ok(!p.frameworks.some((f) => f.startsWith('api:')), p.frameworks.join());
  });

  it('a folder of documents holding one demo that calls an API is not a project of its own', async () => {
    const projects = await projectsOf({
      'app/requirements.txt': 'openai==1.40.0\n',
      'app/main.py': 'from openai import OpenAI\nclient = OpenAI(timeout=30)\n',
      'resources/notes.md': '# Notes\n',
      'resources/demo.jsx': 'export const ask = () => fetch("https://api.anthropic.com/v1/messages", { method: "POST" });\n',
    });
    assert.deepStrictEqual(projects.map((p) => p.root), ['app']);
  });

  it('a web app that only mentions an API in a comment is not an AI project', async () => {
    const projects = await projectsOf({
      'package.json': JSON.stringify({ name: 'site', dependencies: { express: '4.21.2' } }),
      'server.js': '// TODO: maybe call https://api.openai.com later\nconst express = require("express");\nexpress().listen(3000);\n',
    });
    assert.deepStrictEqual(projects, []);
  });

  it('Python that calls Amazon Bedrock through boto3 is an LLM app; the service id is the evidence', async () => {
    const app = 'import json\nimport boto3\n\nbedrock = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")\n'
      + 'def ask(q):\n    return json.loads(bedrock.invoke_model(modelId=MODEL, body=json.dumps({"prompt": q}))["body"].read())\n';
    assert.deepStrictEqual(importsOf('python', app), ['json', 'boto3', 'api:Amazon Bedrock']);
    assert.deepStrictEqual(importsOf('python', 'import boto3\nagents = boto3.client("bedrock-agent-runtime")\n'), ['boto3', 'api:Amazon Bedrock Agents']);
    // Other AWS services are not, nor is the id inside a longer string.
    assert.deepStrictEqual(importsOf('python', 'import boto3\ns3 = boto3.client("s3")\n'), ['boto3']);
    assert.deepStrictEqual(importsOf('python', 'import boto3\ndoc = "see the bedrock-runtime docs"\n'), ['boto3']);
    const [p, ...rest] = await projectsOf({ 'requirements.txt': 'boto3==1.35.0\n', 'app.py': app });
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(p?.aiKind, 'llm-app');
    assert.ok(p.aiEvidence.some((e) => e.file === 'app.py' && e.note === 'calls the API at Amazon Bedrock'), JSON.stringify(p.aiEvidence));
    assert.deepStrictEqual(await projectsOf({ 'requirements.txt': 'boto3==1.35.0\n', 'app.py': 'import boto3\ns3 = boto3.client("s3")\n' }), []);
  });
});
