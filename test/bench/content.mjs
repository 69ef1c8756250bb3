// File contents for the benchmark tree: Python modules, tests, notebooks with outputs, configs, docs,
// JS/Go/SQL for the non-AI packages. Sized to a byte target; shaped enough to exercise the real checks.

const WORDS = ['score', 'batch', 'token', 'prompt', 'embed', 'rank', 'filter', 'merge', 'window', 'sample', 'label',
  'feature', 'vector', 'chunk', 'route', 'cache', 'retry', 'parse', 'render', 'metric', 'shard', 'index', 'query'];
const SENTENCES = ['Normalises the rows before scoring', 'Keeps the order of the input', 'Retries transient failures twice',
  'Splits long documents into overlapping chunks', 'Returns None when nothing matches', 'Caches results per request id'];

export const AI_IMPORTS = {
  llm: ['import openai', 'from openai import OpenAI', 'import anthropic', 'from langchain_core.prompts import ChatPromptTemplate', 'import tiktoken'],
  dl: ['import torch', 'from transformers import AutoModel, AutoTokenizer', 'import torch.nn as nn', 'from safetensors.torch import load_file'],
  ml: ['from sklearn.ensemble import RandomForestClassifier', 'import xgboost as xgb', 'import lightgbm as lgb', 'from sklearn.model_selection import train_test_split'],
};
export const AI_DEPS = { llm: ['openai', 'anthropic', 'langchain-core', 'tiktoken'], dl: ['torch', 'transformers', 'safetensors'], ml: ['scikit-learn', 'xgboost', 'lightgbm'] };
const PLAIN_IMPORTS = ['import os', 'import json', 'import logging', 'from pathlib import Path', 'from dataclasses import dataclass', 'import numpy as np', 'import pandas as pd'];

function pyBlock(rng, i, kind) {
  const w = () => rng.pick(WORDS);
  const name = `${w()}_${w()}_${i}`;
  const lines = [
    `def ${name}(rows, limit=${rng.between(5, 500)}, scale=${(rng.next() * 3).toFixed(2)}):`,
    `    """${rng.pick(SENTENCES)}."""`,
    '    out = []',
    '    for row in rows[:limit]:',
    `        value = row.get("${w()}", 0) * scale + ${rng.int(100)}`,
    `        if value > ${rng.int(1000)}:`,
    `            out.append({"${w()}": value, "${w()}": row.get("id")})`,
    '    return out',
    '',
  ];
  const r = rng.next();
  if (kind === 'llm' && r < 0.05) lines.splice(3, 0, `    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": str(rows)}])`);
  else if (kind === 'dl' && r < 0.03) lines.splice(3, 0, `    model = AutoModel.from_pretrained("bert-base-uncased")`);
  else if (r < 0.01) lines.splice(3, 0, '    state = torch.load(scale)');
  return lines;
}

/** A Python module of about `bytes` bytes; `extra` lines (secrets, placeholders) go after the imports. */
export function pythonModule(rng, kind, bytes, extra = []) {
  const lines = ['"""Generated module for the benchmark tree."""'];
  const imports = new Set([rng.pick(PLAIN_IMPORTS), rng.pick(PLAIN_IMPORTS)]);
  if (rng.next() < 0.5) imports.add(rng.pick(AI_IMPORTS[kind]));
  lines.push(...imports, '');
  if (kind === 'llm' && rng.next() < 0.3) lines.push('client = OpenAI(timeout=30)', '');
  lines.push(...extra, '');
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const block = pyBlock(rng, i, kind);
    lines.push(...block);
    size += block.join('\n').length + 1;
  }
  return lines.join('\n') + '\n';
}

export function pythonTest(rng, pkg, bytes) {
  const lines = ['import pytest', `from ${pkg} import core`, ''];
  let size = 40;
  for (let i = 0; size < bytes; i++) {
    const block = [`def test_${rng.pick(WORDS)}_${i}():`, `    rows = [{"id": ${i}, "score": ${rng.int(100)}}]`, `    assert core.run(rows) is not None`, ''];
    lines.push(...block);
    size += block.join('\n').length;
  }
  return lines.join('\n');
}

/** A notebook with code cells and outputs (text, plus base64 PNGs for bulk); `extraOutput` lands in a stream output. */
export function notebook(rng, kind, bytes, extraOutput = []) {
  const cells = [];
  let size = 0;
  const imports = [...AI_IMPORTS[kind].slice(0, 2), 'import pandas as pd'];
  cells.push({ cell_type: 'code', execution_count: 1, metadata: {}, source: imports.map((l) => l + '\n'), outputs: [] });
  for (let i = 0; size < bytes; i++) {
    const outputs = [{ output_type: 'stream', name: 'stdout', text: [`epoch ${i} loss=${rng.next().toFixed(4)}\n`, ...(i === 1 ? extraOutput.map((l) => l + '\n') : [])] }];
    if (rng.next() < 0.4) {
      const png = rng.bytes(rng.between(2_000, Math.max(3_000, Math.floor(bytes / 6)))).toString('base64');
      outputs.push({ output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'text/plain': ['<Figure size 640x480>'] } });
      size += png.length;
    }
    cells.push({ cell_type: 'code', execution_count: i + 2, metadata: {}, source: pyBlock(rng, i, kind).map((l) => l + '\n'), outputs });
    cells.push({ cell_type: 'markdown', metadata: {}, source: [`## Step ${i}\n`, `${rng.pick(SENTENCES)}.\n`] });
    size += 600;
  }
  return JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

export function yamlConfig(rng, bytes, extra = []) {
  const lines = [`experiment: ${rng.pick(WORDS)}-${rng.int(1000)}`, ...extra, 'training:'];
  for (let i = 0; lines.join('\n').length < bytes; i++) lines.push(`  ${rng.pick(WORDS)}_${i}: ${rng.next().toFixed(3)}`);
  return lines.join('\n') + '\n';
}

export function markdown(rng, title, bytes) {
  const lines = [`# ${title}`, ''];
  for (let size = 0; size < bytes; size += 80) lines.push(`${rng.pick(SENTENCES)}; ${rng.pick(SENTENCES).toLowerCase()}.`);
  return lines.join('\n') + '\n';
}

export function csv(rng, rows) {
  const lines = ['id,feature_a,feature_b,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${rng.next().toFixed(5)},${rng.int(1000)},${rng.int(2)}`);
  return lines.join('\n') + '\n';
}

export function tsxComponent(rng, i, bytes) {
  const lines = [`import React from 'react';`, `import { useState } from 'react';`, '', `export function Panel${i}() {`, '  const [open, setOpen] = useState(false);'];
  while (lines.join('\n').length < bytes) lines.push(`  const ${rng.pick(WORDS)}${lines.length} = ${rng.int(1000)};`);
  lines.push('  return <div onClick={() => setOpen(!open)}>{open ? "on" : "off"}</div>;', '}');
  return lines.join('\n') + '\n';
}

export function goFile(rng, i, bytes) {
  const lines = ['package gateway', '', 'import "net/http"', ''];
  for (let n = 0; lines.join('\n').length < bytes; n++) {
    lines.push(`func handle${i}_${n}(w http.ResponseWriter, r *http.Request) {`, `\tw.WriteHeader(${rng.pick([200, 201, 204])})`, '}', '');
  }
  return lines.join('\n');
}

export function sqlModel(rng, i) {
  return `select id, ${rng.pick(WORDS)}, sum(amount) as total_${i}\nfrom {{ ref('stg_${rng.pick(WORDS)}') }}\ngroup by 1, 2\n`;
}

/** A package-lock.json of about `bytes` bytes. */
export function packageLock(rng, bytes) {
  const packages = { '': { name: 'web', version: '1.0.0' } };
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const name = `${rng.pick(WORDS)}-${rng.pick(WORDS)}-${i}`;
    packages[`node_modules/${name}`] = { version: `${rng.int(9)}.${rng.int(20)}.${rng.int(30)}`, resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`, integrity: `sha512-${rng.bytes(48).toString('base64')}` };
    size += 260;
  }
  return JSON.stringify({ name: 'web', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}
