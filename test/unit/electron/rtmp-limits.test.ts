// The RTMP server's small policies on their own: publisher text escaping and who makes room for a new connection.
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../../electron/services/escape-text.js';
import { AdmissionPolicy, type Occupant, isLoopback } from '../../../electron/services/rtmp/admission-policy.js';
import { safeName } from '../../../electron/services/recorder/file-names.js';

describe('escapeText', () => {
  it('shows every terminal control as a visible escape', () => {
    // A forged log line, a screen clear (CSI 2J), a window title (OSC 0 ... BEL), a one-byte C1 CSI, DEL.
    const hostile = 'live\nsession c1-s1 ended (FCUnpublish)\r\x1b[2J\x1b]0;owned\x07\x9b31m\x7f\x00\t';
    expect(escapeText(hostile)).toBe('live\\nsession c1-s1 ended (FCUnpublish)\\r\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\x7f\\x00\\t');
    // Nothing below U+0020, from DEL to U+009F, or a line separator is left.
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(escapeText(hostile)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/);
  });

  it('escapes line separators and bidi controls, and the backslash so escapes stay unambiguous', () => {
    expect(escapeText('a\u2028b\u2029c\u202ed\u2066e\u200ff')).toBe('a\\u{2028}b\\u{2029}c\\u{202e}d\\u{2066}e\\u{200f}f');
    expect(escapeText('C:\\x1b')).toBe('C:\\\\x1b');
  });

  it('leaves printable text, accents and other scripts alone', () => {
    for (const s of ['live', 'rtmp://127.0.0.1:1935/live', 'FMLE/3.0 (compatible; FMSc/1.0)', 'caméra-1', 'ストリーム', '']) expect(escapeText(s)).toBe(s);
  });

  it('gives file names without control characters (the recorder keeps only [A-Za-z0-9.-])', () => {
    expect(safeName(escapeText('cam\n\x1b[2J'))).toBe('cam-n-x1b-2J');
  });
});

const at = (remoteAddress: string, advancedAt: number, hasPublished = false): Occupant => ({ remoteAddress, advancedAt, hasPublished });

describe('AdmissionPolicy', () => {
  it('admits without eviction while there is room', () => {
    const p = new AdmissionPolicy({ maxPending: 3 });
    expect(p.admit('127.0.0.1', [at('127.0.0.1', 1), at('127.0.0.1', 2)])).toEqual({});
  });

  it('pushes out the pending connection that has gone longest without advancing, never a publisher', () => {
    const p = new AdmissionPolicy({ maxPending: 3 });
    const publisher = at('127.0.0.1', 0, true);
    const stalled = at('127.0.0.1', 5);
    const current = [publisher, at('127.0.0.1', 9), stalled, at('127.0.0.1', 7)];
    expect(p.admit('127.0.0.1', current).evict?.connection).toBe(stalled);
    expect(p.admit('127.0.0.1', current).evict?.reason).toBe('3 connections have not published; the longest stalled makes room');
  });

  it('caps a remote address at its own pending connections, which make room for its newcomers', () => {
    const p = new AdmissionPolicy({ maxPending: 100, maxPendingPerAddress: 2 });
    const mine = [at('203.0.113.9', 3), at('203.0.113.9', 4)];
    const other = at('198.51.100.1', 1);
    const e = p.admit('203.0.113.9', [other, ...mine]).evict;
    expect(e?.connection).toBe(mine[0]);
    expect(e?.reason).toBe('2 connections from 203.0.113.9 have not published; the longest stalled makes room');
    // Loopback is one address for every local client: no per-address cap there.
    expect(p.admit('127.0.0.1', [at('127.0.0.1', 1), at('127.0.0.1', 2), at('127.0.0.1', 3)])).toEqual({});
  });

  it('defaults to 16 publishers, 128 pending connections and 4 pending per remote address', () => {
    const p = new AdmissionPolicy();
    expect([p.maxConnections, p.maxPending, p.maxPendingPerAddress]).toEqual([16, 128, 4]);
    const four = [1, 2, 3, 4].map((t) => at('203.0.113.9', t));
    expect(p.admit('203.0.113.9', four.slice(0, 3))).toEqual({});
    expect(p.admit('203.0.113.9', four).evict?.connection).toBe(four[0]);
  });

  it('lets a new publisher in only while a publishing slot is free', () => {
    const p = new AdmissionPolicy({ maxConnections: 2 });
    expect(p.mayPublish([at('a', 1, true), at('b', 2)])).toBe(true);
    expect(p.mayPublish([at('a', 1, true), at('b', 2, true)])).toBe(false);
  });

  it('knows loopback addresses in every spelling', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', '']) expect(isLoopback(a)).toBe(false);
  });
});
