// Model ids a project's code names (`model="gpt-4o-mini"`, `from_pretrained("bert-base-uncased")`), for the
// report and the scaffolded model card. Found per file (so worker threads can do it), merged per project.
// A name ending in model/model_name/model_id in any case (`model`, `MODEL`, `CHAT_MODEL`, `defaultModelId`,
// `const MODEL: string`), `engine` or `deployment_name`, assigned or given a quoted id; or a hub load. The match
// starts at "model" (fast); what comes before it is checked in code (modelNameStart).
const MODEL_ID = /(model|Model|MODEL)(?:_?(?:name|id|Name|Id|NAME|ID))?(?:\s*:\s*(?:str|string)\b)?\s*[=:]\s*["']([A-Za-z0-9][\w./:-]{2,80})["']|\b(?:engine|deployment_name)\s*[=:]\s*["']([A-Za-z0-9][\w./:-]{2,80})["']|from_pretrained\(\s*["']([A-Za-z0-9][\w./-]{2,80})["']/g;

/** True when "model" at `index` starts a name or a name's last part: `model`, `CHAT_MODEL`, `chatModel`, not `remodel`. */
function modelNameStart(text: string, index: number, word: string): boolean {
  const before = index > 0 ? text[index - 1] : '';
  if (!/[\w$]/.test(before) || before === '_') return true;
  return word[0] === 'M' && /[a-z0-9]/.test(before);
}
/** Files a model-named variable may point at, which are not model ids. */
const FILE_LIKE = /\.(pkl|pickle|joblib|pt|pth|ckpt|bin|onnx|h5|keras|safetensors|json|ya?ml|txt|csv|gguf|model)$/i;

/** At most this many ids per project. */
export const MAX_MODEL_IDS = 20;

/** Distinct model ids in one file's text, in order of appearance (at most MAX_MODEL_IDS). */
export function modelIdsInText(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(MODEL_ID)) {
    if (m[1] && !modelNameStart(text, m.index ?? 0, m[1])) continue;
    const id = m[2] ?? m[3] ?? m[4];
    if (id && /[a-z]/i.test(id) && /[-/\d]/.test(id) && !id.includes('://') && !/^(\.|\/)/.test(id) && !FILE_LIKE.test(id)) ids.add(id);
    if (ids.size >= MAX_MODEL_IDS) break;
  }
  return [...ids];
}

/** A project's ids from its files' lists (in file order): the first MAX_MODEL_IDS distinct ones, sorted. */
export function mergeModelIds(perFile: Iterable<string[]>): string[] {
  const ids = new Set<string>();
  for (const list of perFile) {
    for (const id of list) {
      if (ids.size >= MAX_MODEL_IDS) break;
      ids.add(id);
    }
  }
  return [...ids].sort();
}
