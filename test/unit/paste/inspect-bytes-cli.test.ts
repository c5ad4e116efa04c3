import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../../../electron/cli/inspect-bytes.js';
import { CliError } from '../../../electron/cli/open-document.js';
import { fixturePath } from './helpers.js';

const snippet = (name: string): string => fixturePath(`snippets/${name}.txt`);

describe('bitlens inspect --bytes', () => {
  it('prints the JSON of inspect plus guess, tried and notes', async () => {
    const out = JSON.parse(await inspectBytes(snippet('flv-avc-sequence-header'), { json: true })) as Record<string, unknown> & {
      tree: Array<{ name: string; offset: number; size: number; children: Array<{ name: string; offset: number }> }>;
      tried: Array<{ type: string; ok: boolean }>;
    };
    expect(out).toMatchObject({ format: 'paste', size: 46, encoding: 'c-array', guess: 'flv-tag-body', variant: 'video', tracks: [], diagnostics: [] });
    expect(out.tree[0]!.children.map((c) => [c.name, c.offset])).toEqual([['SPS', 13], ['PPS', 41]]);
    expect(out.tried.filter((t) => t.ok).map((t) => t.type)).toContain('flv-tag-body');
  });

  it('prints a text report: the guess, what was tried, the tree', async () => {
    const text = await inspectBytes(snippet('usb-audio-config-descriptor'), { json: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('guess: not recognised');
    expect(lines).toContain('  no  flv-tag (FLV tags): StreamID is 16386308, not 0');
    expect(lines).toContain('[bytes] not recognised @0 size 180');
  });

  it('takes --as, and refuses types it does not know', async () => {
    const out = JSON.parse(await inspectBytes(snippet('smooth-streaming-raw-aac'), { json: true, as: 'adts' })) as { guess: unknown; tried: unknown[] };
    expect(out.guess).toBe(null);
    expect(out.tried).toHaveLength(1);
    await expect(inspectBytes(snippet('apdu-exchange'), { json: true, as: 'mp3' })).rejects.toThrow(CliError);
  });

  it('reports text that is no reading, and a missing file, as CLI errors', async () => {
    await expect(inspectBytes(fixturePath('README.md'), { json: false })).rejects.toThrow(CliError);
    await expect(inspectBytes('/nonexistent/paste.txt', { json: false })).rejects.toThrow('no such file');
  });
});
