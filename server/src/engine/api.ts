// The engine's public surface: what the CLI, the language server and the report call.
// (Implementation lives in scan.ts and friends; this file only fixes the shapes.)
import type { Level, Stage } from './types';

export interface ScanOptions {
  /** Absolute path of the folder to scan (a workspace folder or the CLI's dir). */
  root: string;
  /** Overrides the stage declared in .ai-preflight.yaml (CLI --stage, editor setting). */
  stage?: Stage;
  /** Untrusted workspaces: built-in rules only, no custom rules or user patterns, no git. Default true. */
  trusted?: boolean;
  /** Per-rule levels from editor settings; applied over the config file. */
  ruleLevels?: Record<string, Level>;
  /** Extra exclude globs (editor setting), relative to root. */
  exclude?: string[];
  /** Unsaved editor contents by path relative to root ('/'-separated); read instead of the disk. */
  overlays?: Map<string, string>;
  /** Cancels a stale scan; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called with human progress messages during long scans. */
  onProgress?: (message: string) => void;
  /**
   * Paths (relative to root, '/'-separated) created, changed or deleted since the last scan of this root,
   * files or folders. The scan then starts from that scan's state and re-evaluates only what they can affect;
   * the answer is the same as a full scan's. Ignored (full scan) without a previous scan with the same
   * options, when a path touches the listing rules or config (.gitignore, .ai-preflight.yaml, .git/), or
   * when there are too many.
   */
  changedPaths?: string[];
}
