// Keys that a service's own docs tell you to put in the page: an Algolia (DocSearch) search-only key sits in the
// site config beside the app id and index name, and every visitor's browser receives it. Reporting it as a leak
// (with "rotate it") is wrong; an admin key is never configured that way.
import type { Assignment } from './assignments';

const SEARCH_KEY_NAMES = new Set(['apikey', 'searchapikey', 'searchkey', 'searchonlyapikey']);
const AROUND = 400;

/** A value that is public by design, judged by the configuration around it. */
export function isPublicByContext(text: string, a: Assignment): boolean {
  if (!SEARCH_KEY_NAMES.has(a.normName)) return false;
  const around = text.slice(Math.max(0, a.valueStart - AROUND), Math.min(text.length, a.valueEnd + AROUND));
  return /algolia|docsearch/i.test(around) && /\bapp(?:lication)?_?id\b/i.test(around) && /\bindex_?name\b/i.test(around);
}
