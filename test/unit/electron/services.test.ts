// The plain Node services behind both hosts: argument checks, file registry, recent files, samples, argv, wire framing.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_READ_RANGE } from '../../../electron/api.js';
import { checkArgs, isApiCall } from '../../../electron/services/api-args.js';
import { defaultDataDir } from '../../../electron/services/data-dir.js';
import { FileRegistry } from '../../../electron/services/file-registry.js';
import { filesFromArgv } from '../../../electron/services/open-args.js';
import { MAX_RECENT_FILES, RecentFiles } from '../../../electron/services/recent-files.js';
import { SAMPLES, Samples } from '../../../electron/services/samples.js';
import { decodeBinaryReply, encodeBinaryReply } from '../../../electron/web/protocol.js';
import { parseWebArgs } from '../../../electron/web/run.js';
import { allowedOrigins, hostAllowed, originAllowed } from '../../../electron/web/origin-check.js';
import { requestToken, tokenMatches } from '../../../electron/web/token.js';
import { fixture } from '../../helpers/fixtures.js';
import { ROOT } from './web-host-kit.js';

const temp = (): string => mkdtempSync(join(tmpdir(), 'bitlens-svc-'));

describe('argument checks', () => {
  it('accepts what the contract allows and refuses the rest', () => {
    expect(checkArgs('readRange', ['a'.repeat(32), 0, MAX_READ_RANGE])).toEqual(['a'.repeat(32), 0, MAX_READ_RANGE]);
    for (const bad of [['a'.repeat(32), 0, MAX_READ_RANGE + 1], ['a'.repeat(32), 2 ** 53, 1], ['a'.repeat(32), '0', 1], ['a'.repeat(32), NaN, 1], ['A'.repeat(32), 0, 1], ['a'.repeat(32), 0]]) {
      expect(() => checkArgs('readRange', bad), JSON.stringify(bad)).toThrow();
    }
    expect(() => checkArgs('openPath', [{ toString: () => '/x' }])).toThrow(/string/);
    expect(() => checkArgs('openPath', ['/'.repeat(5000)])).toThrow(/too long/);
    expect(() => checkArgs('openSample', ['A_B'])).toThrow(/sample key/);
    expect(() => checkArgs('version', null)).toThrow(/array/);
    expect(isApiCall('constructor')).toBe(false);
    expect(isApiCall('toString')).toBe(false);
    expect(isApiCall('readRange')).toBe(true);
  });
});

describe('FileRegistry', () => {
  it('caps the open files and frees a slot on close', async () => {
    const files = new FileRegistry(2);
    const path = fixture('aac-lc.adts.aac');
    const a = await files.open(path);
    const b = await files.open(path);
    expect(a.fileId).not.toBe(b.fileId);
    await expect(files.open(path)).rejects.toThrow(/too many open files/);
    await files.close(a.fileId);
    await expect(files.close(a.fileId)).rejects.toThrow(/unknown fileId/);
    const c = await files.open(path, { name: 'shown.aac', hidePath: true });
    expect(c).toEqual({ fileId: c.fileId, name: 'shown.aac', size: statSync(path).size, rangeUrl: `files/${c.fileId}` });
    expect([files.has(c.fileId), files.has(a.fileId), files.sizeOf(c.fileId)]).toEqual([true, false, statSync(path).size]);
    await files.closeAll();
    expect(files.openCount).toBe(0);
  });

  it('refuses directories', async () => {
    await expect(new FileRegistry().open(ROOT)).rejects.toThrow();
  });
});

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, at most MAX_RECENT_FILES, across instances', async () => {
    const dir = temp();
    let t = 1000;
    const recent = new RecentFiles(join(dir, 'nested'), () => t++);
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) await recent.remember(`/m/${i}.mp4`, i);
    await recent.remember('/m/3.mp4', 3);
    const list = await new RecentFiles(join(dir, 'nested')).list();
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list[0]).toEqual({ path: '/m/3.mp4', name: '3.mp4', size: 3, openedAt: t - 1 });
    expect(list.filter((f) => f.path === '/m/3.mp4')).toHaveLength(1);
  });

  it('treats a damaged settings file as an empty list', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'recent-files.json'), '{"files": [{"path": 1}, "x"');
    expect(await new RecentFiles(dir).list()).toEqual([]);
    writeFileSync(join(dir, 'recent-files.json'), '{"version":1,"files":[{"path":"/a","name":"a","size":1,"openedAt":2},{"path":3}]}');
    expect(await new RecentFiles(dir).list()).toEqual([{ path: '/a', name: 'a', size: 1, openedAt: 2 }]);
  });
});

describe('samples', () => {
  it('lists every sample of the table, each small, and documented in build/samples/README.md', async () => {
    const samples = new Samples(join(ROOT, 'build', 'samples'));
    const list = await samples.list();
    expect(list.map((s) => s.key)).toEqual(SAMPLES.map((s) => s.key));
    expect(list.reduce((n, s) => n + s.size, 0)).toBeLessThan(300 * 1024);
    const readme = readFileSync(join(ROOT, 'build', 'samples', 'README.md'), 'utf8');
    for (const s of SAMPLES) expect(readme).toContain(` ${s.file}`);
    expect(() => samples.pathOf('../../package')).toThrow(/no sample/);
  });
  it('leaves out samples missing from the folder', async () => {
    expect(await new Samples(temp()).list()).toEqual([]);
  });
});

describe('command lines', () => {
  it('takes the files of an Electron argv, without switches', () => {
    expect(filesFromArgv(['electron', 'dist/main.cjs', '--inspect', 'a.mp4', '--', '-odd.flv'], false, '/w')).toEqual(['/w/a.mp4', '/w/-odd.flv']);
    expect(filesFromArgv(['/opt/bitlens', '/x/a.mp4'], true, '/w')).toEqual(['/x/a.mp4']);
  });
  it('parses bitlens web options', () => {
    const a = parseWebArgs(['--port', '8080', 'a.mp4'], { XDG_CONFIG_HOME: '/cfg' });
    expect(a).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: process.platform === 'linux' ? '/cfg/bitlens' : expect.any(String) });
    expect(a.files[0]).toMatch(/a\.mp4$/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/port/);
    expect(() => parseWebArgs(['--host', 'a b'])).toThrow(/host/);
    expect(() => parseWebArgs(['--nope'])).toThrow();
    expect(parseWebArgs(['--data', '/d']).dataDir).toBe('/d');
  });
  it('picks an OS config dir for settings', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/bitlens');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/bitlens');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/bitlens');
  });
});

describe('web host pieces', () => {
  it('frames readRange replies as header + bytes and refuses broken frames', () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(decodeBinaryReply(encodeBinaryReply(77, bytes))).toEqual({ id: 77, bytes });
    expect(decodeBinaryReply(new Uint8Array([0, 0, 0]))).toBeNull();
    expect(decodeBinaryReply(new Uint8Array([0xff, 0xff, 0xff, 0xff, 1]))).toBeNull();
    expect(decodeBinaryReply(new Uint8Array([0, 0, 0, 1, 0x7b]))).toBeNull();
  });
  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    for (const t of ['abd', 'ab', 'abcd', '', null, undefined]) expect(tokenMatches('abc', t)).toBe(false);
  });
  it("allows only the host's own origins", () => {
    expect([...allowedOrigins('127.0.0.1', 5000)].sort()).toEqual(['http://127.0.0.1:5000', 'http://localhost:5000']);
    expect(originAllowed('127.0.0.1', 5000, 'http://localhost:5000', 'localhost:5000')).toBe(true);
    expect(originAllowed('127.0.0.1', 5000, 'http://127.0.0.1:5001', '127.0.0.1:5000')).toBe(false);
    expect(originAllowed('0.0.0.0', 5000, 'http://192.168.1.4:5000', '192.168.1.4:5000')).toBe(true);
    expect(originAllowed('0.0.0.0', 5000, 'http://192.168.1.4:5000', '192.168.1.4:5001')).toBe(false);
  });
  it('answers only to its own loopback names and port (no DNS rebinding)', () => {
    for (const ok of ['127.0.0.1:5000', 'localhost:5000']) expect(hostAllowed('127.0.0.1', 5000, ok), ok).toBe(true);
    for (const bad of [undefined, '', 'evil.example:5000', 'evil.example', '127.0.0.1', '127.0.0.1:5001', 'localhost.evil.example:5000', '127.0.0.1:5000.evil']) {
      expect(hostAllowed('127.0.0.1', 5000, bad), String(bad)).toBe(false);
    }
    expect(hostAllowed('::1', 5000, '[::1]:5000')).toBe(true);
    // On every interface: any IP literal of this machine, never a name.
    expect(hostAllowed('0.0.0.0', 5000, '10.0.0.7:5000')).toBe(true);
    expect(hostAllowed('::', 5000, '[fe80::1]:5000')).toBe(true);
    expect(hostAllowed('0.0.0.0', 5000, 'rebind.evil.example:5000')).toBe(false);
  });
  it('takes the token from the query or an Authorization: Bearer header', () => {
    const url = (q: string) => new URL(`/x${q}`, 'http://h.invalid');
    expect(requestToken(url('?token=abc'), undefined, 'token')).toBe('abc');
    expect(requestToken(url(''), 'Bearer abc', 'token')).toBe('abc');
    for (const auth of [undefined, 'abc', 'Basic abc', 'Bearer ', 'Bearer a b']) expect(requestToken(url(''), auth, 'token'), String(auth)).toBeNull();
  });
});
