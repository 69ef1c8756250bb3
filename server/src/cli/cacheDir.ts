// Where `ai-preflight scan --cache` keeps its per-file results when --cache-location is not given: the
// platform's per-user cache folder, never the scanned repository (a cache file there would show up in
// `git status` and in the scan's own listing).
import * as os from 'os';
import * as path from 'path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), 'ai-preflight', 'Cache');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'ai-preflight');
  const xdg = env.XDG_CACHE_HOME;
  // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.cache'), 'ai-preflight');
}
