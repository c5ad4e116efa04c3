// openPath opens only files the user named: the command line, the OS, the native dialog, or the recent list.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileRegistry } from '../../../electron/services/file-registry.js';
import { createHostCalls, dispatchCall, type HostCalls } from '../../../electron/services/host-api.js';
import { LiveCapture } from '../../../electron/services/live/live-capture.js';
import { MAX_GRANTED_PATHS, PathGrants } from '../../../electron/services/path-grants.js';
import { RecentFiles } from '../../../electron/services/recent-files.js';
import { Samples } from '../../../electron/services/samples.js';
import { fixture } from '../../helpers/fixtures.js';
import { ROOT } from './web-host-kit.js';

const REFUSED = /refused, only files you opened or named/;
const opened: FileRegistry[] = [];
afterEach(async () => {
  for (const files of opened.splice(0)) await files.closeAll();
});

/**
 * The host calls over real services, with nothing granted yet: `dialog` is what the native dialog returns,
 * `dir` a scratch folder whose data/ holds the settings (a new one unless given).
 */
function hostCalls(o: { dialog?: string[]; dir?: string } = {}): { calls: HostCalls; grants: PathGrants; recent: RecentFiles; dir: string } {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'bitlens-grants-'));
  const files = new FileRegistry();
  opened.push(files);
  const grants = new PathGrants();
  const recent = new RecentFiles(join(dir, 'data'));
  const samplesDir = join(ROOT, 'build', 'samples');
  const live = new LiveCapture({ dataDir: join(dir, 'data'), testStreamFile: join(samplesDir, 'rtmp-publish.flv') });
  const calls = createHostCalls({ version: '0', files, recent, samples: new Samples(samplesDir), samplePaths: false, showOpenDialog: () => Promise.resolve(o.dialog ?? []), grants, live });
  return { calls, grants, recent, dir };
}

describe('openPath', () => {
  it('refuses a file nobody named, however it is spelled, and says nothing of whether it exists', async () => {
    const { calls, grants, dir } = hostCalls();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const named = fixture('avc-baseline-aac.mp4');
    grants.grant([named]);
    await expect(calls.openPath(secret)).rejects.toThrow(REFUSED);
    await expect(calls.openPath(join(dir, 'missing.mp4'))).rejects.toThrow(REFUSED);
    // A granted file's folder is not granted, nor a path that climbs out of it.
    await expect(calls.openPath(`${named}/../../../../../../../../${secret}`)).rejects.toThrow(REFUSED);
    await expect(dispatchCall(calls, 'openPath', ['/etc/passwd'])).rejects.toThrow(REFUSED);
  });

  it('opens files named on the command line (granted), under any spelling of the same path', async () => {
    const { calls, grants } = hostCalls();
    const named = fixture('avc-baseline-aac.mp4');
    grants.grant([named]);
    expect((await calls.openPath(named)).name).toBe('avc-baseline-aac.mp4');
    const dotted = named.replace(/[/\\]fixtures[/\\]/, '/fixtures/./');
    expect((await calls.openPath(dotted)).path).toBe(named);
  });

  it('opens what the native dialog returned, and only that', async () => {
    const picked = fixture('aac-lc.adts.aac');
    const { calls } = hostCalls({ dialog: [picked] });
    await expect(calls.openPath(picked)).rejects.toThrow(REFUSED);
    expect(await calls.showOpenDialog()).toEqual([picked]);
    expect((await calls.openPath(picked)).name).toBe('aac-lc.adts.aac');
    await expect(calls.openPath(fixture('annexb.h264'))).rejects.toThrow(REFUSED);
  });

  it('reopens recent files (the list holds only files opened by a granted path)', async () => {
    const first = hostCalls();
    const named = join(first.dir, 'clip.flv');
    copyFileSync(fixture('avc-aac.flv'), named);
    first.grants.grant([named]);
    await first.calls.openPath(named);
    expect((await first.recent.list())[0]!.path).toBe(named);
    // A later run with the same settings but no grants: the recent file reopens, its neighbour does not.
    const later = hostCalls({ dir: first.dir }).calls;
    expect((await later.openPath(named)).name).toBe('clip.flv');
    await expect(later.openPath(join(first.dir, 'data', 'recent-files.json'))).rejects.toThrow(REFUSED);
  });
});

describe('PathGrants', () => {
  it('keeps at most MAX_GRANTED_PATHS, forgetting the oldest', () => {
    const grants = new PathGrants();
    grants.grant(Array.from({ length: MAX_GRANTED_PATHS + 1 }, (_, i) => `/media/${i}.mp4`));
    expect(grants.has('/media/0.mp4')).toBe(false);
    expect(grants.has('/media/1.mp4')).toBe(true);
    expect(grants.has(`/media/${MAX_GRANTED_PATHS}.mp4`)).toBe(true);
  });
});
