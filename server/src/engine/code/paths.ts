// Path tests shared by every language: personal absolute paths (local-absolute-path) and
// "the project's own artifact" (unsafe-deserialization).

// Names after /Users/ or /home/ that are placeholders, shared folders or container/CI users (GKE nodes keep
// their drivers under /home/kubernetes/bin; the Airflow image's user is airflow),
// not a person's machine.
const NOT_A_PERSON = new Set([
  'user', 'users', 'username', 'usr', 'yourname', 'your_name', 'your-name', 'yourusername', 'your_username',
  'your-username', 'you', 'me', 'name', 'xxx', 'xyz', 'foo', 'someone', 'somebody', 'example', 'shared', 'public',
  'default', 'guest', 'runner', 'jovyan', 'app', 'appuser', 'node', 'vscode', 'codespace', 'gitpod', 'docker',
  'nonroot', 'linuxbrew', 'ec2-user', 'ubuntu-user', 'ubuntu', 'agent', 'sandbox', 'coder', 'circleci', 'site',
  'admin', 'worker', 'service', 'model-server', 'ray', 'kubernetes', 'airflow', 'jenkins', 'gitlab-runner', 'spark',
  'daytona', // the Daytona sandbox image's user
]);

const NAME = String.raw`([^\\/\s"'\x60{}$<>%*()\[\],;:]+)`;
// Unix: /Users/<name> or /home/<name>, not inside a longer path (/data/home/x); Windows: C:\Users\<name>
// with single or doubled (escaped) backslashes, or forward slashes.
const PERSONAL_PATH = new RegExp(
  String.raw`(?<![\w.~-])(?<!\w\/)\/(?:Users|home)\/${NAME}(?=[\\/"'\x60\s]|$)` +
  String.raw`|(?<![\w])[A-Za-z]:(?:\\{1,2}|\/)Users(?:\\{1,2}|\/)${NAME}`,
  'g',
);
// The rest of the path after the name, to make the range cover the whole path.
const PATH_TAIL = /^[^\s"'\x60,;)\]}]*/;

/** Spans [start, end) in `source` (raw source text of a string literal or value) of personal absolute paths. */
export function personalPathSpans(source: string): { start: number; end: number; path: string }[] {
  if (!/Users|home/.test(source)) return [];
  const spans: { start: number; end: number; path: string }[] = [];
  PERSONAL_PATH.lastIndex = 0;
  for (let m = PERSONAL_PATH.exec(source); m; m = PERSONAL_PATH.exec(source)) {
    const name = (m[1] ?? m[2] ?? '').toLowerCase();
    if (NOT_A_PERSON.has(name) || /^(x+|\.+)$/.test(name)) continue;
    const tail = PATH_TAIL.exec(source.slice(m.index + m[0].length))?.[0] ?? '';
    const end = m.index + m[0].length + tail.length;
    spans.push({ start: m.index, end, path: source.slice(m.index, end) });
  }
  return spans;
}

/**
 * A literal path inside the repository (relative, no `..`, no URL, not absolute): the project's own
 * artifact, which the project wrote itself. Deserializing it is not reported; any other source
 * (absolute path, URL, user input, a variable we cannot resolve) is.
 */
export function isOwnArtifactPath(value: string): boolean {
  const v = value.trim();
  if (!v || /^[/\\~$%{]/.test(v) || /^[a-z][a-z0-9+.-]*:/i.test(v)) return false;
  return !v.split(/[\\/]/).includes('..');
}
