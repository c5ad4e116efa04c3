import { describe, expect, it } from 'vitest';
import { ascii, box, fullBox, u32 } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

describe('media information headers', () => {
  it('reads vmhd', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x14, // size = 20
      0x76, 0x6d, 0x68, 0x64, // type = 'vmhd'
      0x00, 0x00, 0x00, 0x01, // version = 0, flags = 1
      0x00, 0x40, // graphicsmode = 0x40 (dither copy)
      0x80, 0x00, 0x80, 0x00, 0x80, 0x00, // opcolor = {0x8000, 0x8000, 0x8000}
    ]);
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'graphicsmode').display).toBe('dither copy (QuickTime)');
    expect(f(node, 'opcolor').fields!.map((x) => [x.name, x.value, x.display])).toEqual([
      ['opcolor[0]', 0x8000, 'red'],
      ['opcolor[1]', 0x8000, 'green'],
      ['opcolor[2]', 0x8000, 'blue'],
    ]);
  });

  it('reads smhd balance as signed 8.8', async () => {
    const node = await parseOne(fullBox('smhd', 0, 0, [
      0xff, 0x80, // balance = -0.5 (8.8)
      0x00, 0x00, // reserved
    ]));
    expect(f(node, 'balance')).toMatchObject({ value: -128, display: '-0.5 (left)' });
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'balance', 'reserved']);
  });

  it('reads hmhd, nmhd and sthd', async () => {
    const hmhd = await parseOne(fullBox('hmhd', 0, 0, [
      0x05, 0xdc, // maxPDUsize = 1500
      0x04, 0x00, // avgPDUsize = 1024
      ...u32(2_000_000), // maxbitrate
      ...u32(1_000_000), // avgbitrate
      ...u32(0), // reserved
    ]));
    expect(f(hmhd, 'maxbitrate').display).toBe('2000000 bit/s');
    for (const type of ['nmhd', 'sthd']) {
      const node = await parseOne(fullBox(type, 0, 0));
      expect(node.diagnostics).toEqual([]);
      expect(node.title).toBeDefined();
    }
  });
});

describe('dref', () => {
  it('reads a self-contained url and a urn with a location', async () => {
    const node = await parseOne(fullBox('dref', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x0c, // [url ] size = 12
      0x75, 0x72, 0x6c, 0x20, // type = 'url ' (with a space)
      0x00, 0x00, 0x00, 0x01, // version = 0, flags = 1 (self-contained)
      ...fullBox('urn ', 0, 0, [...ascii('urn:x'), 0x00, ...ascii('a.mp4'), 0x00]), // name, location
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(node.children.map((c) => c.name)).toEqual(['url ', 'urn ']);
    const url = node.children[0]!;
    expect(url.diagnostics).toEqual([]);
    expect(f(url, 'flags').display).toBe('self-contained (media in this file)');
    const urn = node.children[1]!;
    expect(f(urn, 'name').value).toBe('urn:x');
    expect(f(urn, 'location').value).toBe('a.mp4');
  });

  it('reads a url location and reports one without a terminator', async () => {
    const node = await parseOne(fullBox('url ', 0, 0, [...ascii('http://x')])); // location with no NUL
    expect(f(node, 'flags').display).toBe('media in another file');
    expect(f(node, 'location').value).toBe('http://x');
    expect(codes(node)).toEqual(['string-not-terminated']);
  });

  it('reports an entry_count that does not match, or cannot fit', async () => {
    const mismatch = await parseOne(fullBox('dref', 0, 0, [...u32(1), ...fullBox('url ', 0, 1), ...fullBox('url ', 0, 1)]));
    expect(codes(mismatch)).toEqual(['entry-count-mismatch']);
    const huge = await parseOne(fullBox('dref', 0, 0, [0xff, 0xff, 0xff, 0xff, ...fullBox('url ', 0, 1)]));
    expect(codes(huge)).toContain('table-count-exceeds-box');
    expect(huge.children).toHaveLength(1);
  });

  it('reads a QuickTime alis reference', async () => {
    const node = await parseOne(box('dref', [0, 0, 0, 0, ...u32(1), ...fullBox('alis', 0, 1)]));
    expect(node.children[0]!.title).toBe('Alias Data Reference (QuickTime)');
    expect(node.children[0]!.diagnostics).toEqual([]);
  });
});
