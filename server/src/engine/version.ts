// Kept in step with package.json by a unit test.
export const VERSION = '0.1.0';
/** Each check's docs are a section of the README; diagnostics link here + the check's anchor. */
export const DOCS_BASE = 'https://github.com/ai-preflight/ai-preflight/blob/main/README.md#';
