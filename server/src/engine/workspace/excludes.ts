// Folders no check ever needs: dependencies, caches, experiment-tracking dumps, build output.
// Pruned before descending, so a 100k-file .venv costs one readdir of its parent.
export const EXCLUDED_DIR_NAMES = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', '__pycache__', 'site-packages', 'dist-packages',
  'mlruns', 'wandb', 'lightning_logs', '.ipynb_checkpoints', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.hypothesis', '.idea', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache', '.cache',
  '.terraform', '.venv', 'venv', '.conda', 'dist', 'build', 'coverage', '.coverage_html', 'htmlcov', '.eggs',
  '.gradle', '.dvc', '.vscode-test', '.yarn', '.pnpm-store', '__MACOSX',
]);

/**
 * Folder names that are virtual environments only when they hold a pyvenv.cfg (a folder named env may be code):
 * env, .env, virtualenv, pyenv, and numbered or suffixed ones (venv2, .venv311, env-3.12, venv_py38).
 */
const MAYBE_VENV = /^\.?(?:venv|env|virtualenv|pyenv)(?:[\d._-][\w.-]*)?$/i;
export const MAYBE_VENV_DIR_NAMES = { has: (name: string): boolean => MAYBE_VENV.test(name) };
