// Path-level gate: files that are never scanned for secrets (generated, binary, example configs).

const SKIP_BASENAMES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'poetry.lock',
  'pipfile.lock', 'uv.lock', 'pdm.lock', 'cargo.lock', 'composer.lock', 'gemfile.lock', 'go.sum',
  'conda-lock.yml', 'conda-lock.yaml', 'packages.lock.json', 'flake.lock',
]);

/** Binary, media, archive, model-weight and dataset extensions: no credentials worth reporting. */
const SKIP_EXTENSIONS = new Set([
  'lock', 'map',
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'tif', 'tiff', 'svg', 'psd', 'heic',
  'pdf', 'woff', 'woff2', 'ttf', 'otf', 'eot',
  'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'tar', 'zst', 'jar', 'war', 'whl', 'egg',
  'so', 'dll', 'dylib', 'exe', 'bin', 'o', 'a', 'lib', 'class', 'pyc', 'pyo', 'pyd', 'wasm',
  'pt', 'pth', 'ckpt', 'safetensors', 'onnx', 'h5', 'hdf5', 'keras', 'pb', 'tflite', 'mlmodel', 'gguf', 'ggml',
  'pkl', 'pickle', 'joblib', 'npy', 'npz', 'mat',
  'parquet', 'feather', 'arrow', 'avro', 'orc', 'tfrecord', 'csv', 'tsv', 'jsonl', 'ndjson',
  'db', 'sqlite', 'sqlite3', 'duckdb', 'mdb', 'accdb',
  'mp3', 'mp4', 'wav', 'flac', 'ogg', 'avi', 'mov', 'mkv', 'webm', 'm4a',
  // Medical and scientific images and data (DICOM, NIfTI, NRRD, MetaImage, netCDF, HDF), R/Stata/SAS/SPSS data.
  'dcm', 'dicom', 'nii', 'nrrd', 'mha', 'mhd', 'nc', 'hdf', 'he5', 'rds', 'rdata', 'rda', 'dta', 'sas7bdat', 'xpt', 'sav',
  // Office documents (zip or OLE containers) and disk images.
  'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt', 'odt', 'ods', 'odp', 'iso', 'dmg', 'img', 'vmdk', 'qcow2',
]);

/** Folders holding third-party or generated code. */
const SKIP_DIR_SEGMENTS = new Set(['node_modules', 'site-packages', 'dist-packages', '.git', '__pycache__', 'bower_components']);

/**
 * `.env.example`, `config.yaml.sample`, `config.example.yaml`, `example.env`: documentation of settings,
 * not settings. Code files named example*.py are still scanned: a key pasted into a demo script is real.
 */
const TEMPLATE_WORD = '(?:example|examples|sample|samples|template|tmpl|tpl|dist|defaults)';
const TEMPLATE_LAST_EXT = new RegExp(`\\.${TEMPLATE_WORD}$`);
const TEMPLATE_IN_CONFIG = new RegExp(`(?:^|[._-])${TEMPLATE_WORD}(?:[._-][^/]*)?\\.(?:env|ya?ml|json|toml|ini|cfg|conf|properties)$`);
const TEMPLATE_ENV = new RegExp(`^\\.?env[._-]${TEMPLATE_WORD}(?:[._-]|$)`);

export function isSecretScanCandidate(relPath: string): boolean {
  if (typeof relPath !== 'string') return false;
  // A scan asks this of every file several times (planning, checking, the LSP's per-file gates).
  let known = verdicts.get(relPath);
  if (known === undefined) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(relPath, (known = isCandidatePath(relPath)));
  }
  return known;
}

const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 500_000;

function isCandidatePath(relPath: string): boolean {
  const parts = relPath.replace(/\\/g, '/').split('/').filter((p) => p.length > 0);
  if (parts.length === 0) return true;
  for (const dir of parts.slice(0, -1)) {
    if (SKIP_DIR_SEGMENTS.has(dir) || dir.endsWith('.dist-info') || dir.endsWith('.egg-info')) return false;
  }
  const base = parts[parts.length - 1].toLowerCase();
  if (SKIP_BASENAMES.has(base)) return false;
  if (/\.min\.(?:js|css|mjs)$/.test(base) || /[.-]bundle\.js$/.test(base) || /\.chunk\.js$/.test(base)) return false;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (SKIP_EXTENSIONS.has(ext)) return false;
  if (TEMPLATE_LAST_EXT.test(base) || TEMPLATE_IN_CONFIG.test(base) || TEMPLATE_ENV.test(base)) return false;
  return true;
}
