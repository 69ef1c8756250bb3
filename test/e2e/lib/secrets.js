// Generated, never real, provider-shaped keys for the tests; only ever printed masked.
const crypto = require('crypto');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length) {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
  return out;
}

/** An OpenAI project key shape: sk-proj-<74>T3BlbkFJ<74>. */
function generateOpenAiKey() {
  return `sk-proj-${randomAlnum(74)}T3BlbkFJ${randomAlnum(74)}`;
}

function mask(secret) {
  return `${secret.slice(0, 8)}…${secret.slice(-3)}`;
}

module.exports = { generateOpenAiKey, mask };
