// Per-folder settings pulled from the client (`workspace/configuration`, section `aiPreflight`),
// validated so a hand-edited settings.json can never break a scan.
import type { Connection } from 'vscode-languageserver';
import type { FolderSettings } from './protocol';

const STAGES = new Set(['poc', 'pilot', 'production']);
const LEVELS = new Set(['off', 'info', 'warning', 'error']);

export const DEFAULT_SETTINGS: FolderSettings = { enable: true, stage: null, rules: {}, exclude: [] };

export function normalizeSettings(raw: unknown): FolderSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: FolderSettings['rules'] = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, level] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[id] = level as FolderSettings['rules'][string];
    }
  }
  return {
    enable: s.enable !== false,
    stage: typeof s.stage === 'string' && STAGES.has(s.stage) ? (s.stage as FolderSettings['stage']) : null,
    rules,
    exclude: Array.isArray(s.exclude) ? s.exclude.filter((x): x is string => typeof x === 'string' && x.length > 0) : [],
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<FolderSettings>>();
  /** Settings pushed in `didChangeConfiguration` by clients that cannot be asked (older editors). */
  private pushed: FolderSettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection, private readonly clientPulls: () => boolean) {}

  get(folderUri: string): Promise<FolderSettings> {
    let hit = this.cache.get(folderUri);
    if (!hit) {
      hit = this.clientPulls()
        ? this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'aiPreflight' })
          .then(normalizeSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(this.pushed);
      this.cache.set(folderUri, hit);
    }
    return hit;
  }

  /** Drops cached answers; `pushedSection` is the `aiPreflight` object of a push-style change, if any. */
  clear(pushedSection?: unknown): void {
    if (pushedSection !== undefined) this.pushed = normalizeSettings(pushedSection);
    this.cache.clear();
  }
}
