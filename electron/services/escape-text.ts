/**
 * Text that came from the network (an RTMP publisher's app, stream name, flashVer, tcUrl, encoder,
 * codec FourCC) made safe to print on a terminal, write to a log line or keep in a session's info:
 * every character that could move the cursor, start an escape sequence (ESC, CSI, OSC), end a line
 * or reorder the text around it is shown as a visible escape instead. A publisher can then neither
 * forge a log line ("session … ended") nor clear or retitle the terminal.
 *
 * Escaped: C0 controls and DEL as \xHH (\n, \r, \t by name), C1 controls (U+0080 to U+009F, where
 * U+009B is a one-byte CSI) as \xHH, the Unicode line and paragraph separators and the bidirectional
 * controls as \u{HHHH}, and the backslash itself as \\ so an escape in the output always means one
 * character in the input.
 */

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/** C0, DEL, C1; U+2028/2029; bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069, U+200E/200F, U+061C). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `s` with every control, separator and bidi character (and backslash) written as a visible escape. */
export function escapeText(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}
