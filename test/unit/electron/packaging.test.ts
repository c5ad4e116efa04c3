// electron-builder.yml: file associations, targets, fuses, icon, and the samples it ships.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../electron/services/samples.js';
import { ROOT } from './web-host-kit.js';
import { MEDIA_EXTENSIONS } from '../../../electron/services/open-args.js';

// js-yaml comes with electron-builder (it reads this file with it too).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  extraResources?: { from: string; to: string; filter?: string[] }[];
  asar: boolean;
  icon: string;
  fileAssociations: { ext: string; name: string; role?: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string | string[] };
  win: { target: string | string[] };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

describe('electron-builder.yml', () => {
  it('associates every media extension Bitlens reads', () => {
    const exts = config.fileAssociations.map((a) => a.ext);
    for (const ext of MEDIA_EXTENSIONS) expect(exts).toContain(ext);
    for (const a of config.fileAssociations) expect(a.role).toBe('Viewer');
  });

  it('builds AppImage, deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(list(config.mac.target)).toContain('dmg');
    expect(list(config.win.target)).toContain('nsis');
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, no inspect flags, asar integrity, app only from asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has a PNG icon of at least 512x512', () => {
    const png = readFileSync(join(ROOT, config.icon));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // PNG signature
    expect(png.toString('latin1', 12, 16)).toBe('IHDR'); // first chunk
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512); // height
  });

  it('ships the bundled samples to resources/samples, where main.ts looks for them', () => {
    const samples = config.extraResources?.find((r) => r.from === 'build/samples');
    expect(samples?.to).toBe('samples');
    const filters = samples?.filter ?? ['**/*'];
    for (const s of SAMPLES) {
      const ext = s.file.slice(s.file.lastIndexOf('.'));
      expect(filters.some((f) => f === '**/*' || f === `*${ext}` || f === s.file), s.file).toBe(true);
    }
  });

  it('packs the built app (dist) without source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', '!dist/**/*.map']));
  });
});
