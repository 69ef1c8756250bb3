// JS/TS imports inside comments (a JSDoc usage example, a commented-out line) are no evidence of AI use, and
// neither is a package importing itself by its own package.json name.
import * as assert from 'assert';
import { importsOf } from '../../server/src/engine/projects/imports';
import { projectsOf } from './detect-weak.test';

const JSDOC_EXAMPLE = [
  "import { parseQuery } from 'qs-lite';",
  '',
  '/**',
  ' * Builds the sign-in link.',
  ' *',
  ' * @example',
  ' * ```ts',
  ' * import { oauthLoginUrl } from "@huggingface/hub";',
  ' * const url = await oauthLoginUrl({ scopes: "openid" });',
  ' * ```',
  ' */',
  'export function signInLink(base: string): string {',
  '  return base + "?" + parseQuery("a=1");',
  '}',
  '',
].join('\n');

const COMMENTED_OUT = [
  "// import OpenAI from 'openai';",
  "const path = require('path'); // const ai = require('@anthropic-ai/sdk');",
  "/* const { Mistral } = require('@mistralai/mistralai'); */ const fs = require('fs');",
  "const loader = () => import('left-pad');",
  '',
].join('\n');

describe('JS/TS imports in comments', () => {
  it('importsOf skips imports in JSDoc, line and block comments, and keeps the code around them', () => {
    assert.deepStrictEqual(importsOf('js', JSDOC_EXAMPLE), ['qs-lite']);
    assert.deepStrictEqual(importsOf('js', COMMENTED_OUT).sort(), ['fs', 'left-pad', 'path']);
  });

  it('imports after a comment, or with a comment inside the statement, still count', () => {
    const text = [
      '/* Copyright the authors. */',
      '// Chat helpers.',
      'import {',
      '  OpenAI, // the client',
      "} from 'openai';",
      "const url = 'https://example.com/x'; const z = require('zod');",
      '',
    ].join('\n');
    assert.deepStrictEqual(importsOf('js', text).sort(), ['openai', 'zod']);
  });

  it('blanking comments keeps private-field lines and code after a regex literal holding `/*`', () => {
    const privateField = [
      '/** Lazily loads the client. */',
      'export class Chat {',
      "  #client = require('openai');",
      '}',
      '',
    ].join('\n');
    assert.deepStrictEqual(importsOf('js', privateField), ['openai']);
    const regex = [
      '// strips leading slashes and stars',
      'const strip = (s) => s.replace(/^[\\/*]+/, "");',
      "import Anthropic from '@anthropic-ai/sdk';",
      '',
    ].join('\n');
    assert.deepStrictEqual(importsOf('js', regex), ['@anthropic-ai/sdk']);
  });

  it('a library whose docs show an AI SDK in JSDoc is not an AI project', async () => {
    const projects = await projectsOf({
      'package.json': JSON.stringify({ name: 'signin-link', dependencies: { 'qs-lite': '1.0.0' } }),
      'src/index.ts': JSDOC_EXAMPLE,
      'src/legacy.js': COMMENTED_OUT,
    });
    assert.deepStrictEqual(projects, []);
  });

  it("a package importing its own package.json name (an SDK's command line) is not an AI project by that alone", async () => {
    const projects = await projectsOf({
      'package.json': JSON.stringify({ name: 'openai', version: '4.0.0', bin: { openai: 'bin/cli.js' }, dependencies: { 'node-fetch': '2.7.0' } }),
      'src/index.ts': 'export class OpenAI { constructor(readonly opts = {}) {} }\n',
      'bin/cli.js': "#!/usr/bin/env node\nconst { OpenAI } = require('openai');\nnew OpenAI().run(process.argv.slice(2));\n",
    });
    assert.deepStrictEqual(projects, []);
  });

  it('a workspace member importing the package named above it is not an AI project by that alone', async () => {
    const projects = await projectsOf({
      'package.json': JSON.stringify({ name: '@anthropic-ai/sdk', version: '0.30.0', dependencies: { 'node-fetch': '2.7.0' } }),
      'src/index.ts': 'export default class Anthropic {}\n',
      'packages/vertex/package.json': JSON.stringify({ name: '@anthropic-ai/vertex-sdk', dependencies: { 'google-auth-library': '9.0.0' } }),
      'packages/vertex/src/client.ts': "import Anthropic from '@anthropic-ai/sdk';\nexport class AnthropicVertex extends Anthropic {}\n",
    });
    assert.deepStrictEqual(projects, []);
  });

  it('the same imports in a package of another name still make an LLM app', async () => {
    const [p] = await projectsOf({
      'package.json': JSON.stringify({ name: 'chat-cli', dependencies: { 'node-fetch': '2.7.0' } }),
      'bin/cli.js': "#!/usr/bin/env node\nconst { OpenAI } = require('openai');\nnew OpenAI().run(process.argv.slice(2));\n",
    });
    assert.strictEqual(p?.aiKind, 'llm-app');
  });
});
