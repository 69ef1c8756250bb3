// Model ids a project's code names (`model="gpt-4o-mini"`, `from_pretrained("bert-base-uncased")`), for the
// report and the scaffolded model card. Found per file (so worker threads can do it), merged per project.
const MODEL_ID = /\b(?:model(?:_name|_id|Name|Id)?|engine|deployment_name)\s*[=:]\s*["']([A-Za-z0-9][\w./:-]{2,80})["']|from_pretrained\(\s*["']([A-Za-z0-9][\w./-]{2,80})["']/g;

/** At most this many ids per project. */
export const MAX_MODEL_IDS = 20;

/** Distinct model ids in one file's text, in order of appearance (at most MAX_MODEL_IDS). */
export function modelIdsInText(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(MODEL_ID)) {
    const id = m[1] ?? m[2];
    if (id && /[a-z]/i.test(id) && /[-/\d]/.test(id) && !id.includes('://') && !/^(\.|\/)/.test(id)) ids.add(id);
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
