// File names, messages and config text are user data: every renderer escapes them through here.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Control characters (NUL and friends, odd in file names) become U+FFFD; tab and newlines stay. */
function withoutControls(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(value ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return withoutControls(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Safe as inline Markdown text, including inside a GFM table cell: no emphasis, links, code, raw HTML
 * or cell breaks can come from user data, and a newline cannot end the row.
 */
export function escapeMarkdown(value: unknown): string {
  return withoutControls(value)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c);
}
