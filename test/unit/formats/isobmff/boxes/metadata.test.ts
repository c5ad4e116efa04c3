import { describe, expect, it } from 'vitest';
import { ascii, box, fullBox, u16, u32 } from '../../../../helpers/bytes.js';
import { codes, f, find, names, parseBytes, parseOne, walk } from './movie-box-kit.js';

function hdlr(handler: string): number[] {
  return fullBox('hdlr', 0, 0, [...u32(0), ...ascii(handler), ...u32(0), ...u32(0), ...u32(0), 0x00]);
}

/** A data box: type indicator (set byte + well-known type), locale (country, language), value. */
function data(type: number, value: number[]): number[] {
  return box('data', [0x00, ...[(type >> 16) & 0xff, (type >> 8) & 0xff, type & 0xff], ...u16(0), ...u16(0), ...value]);
}

describe('meta (ISO FullBox) with ilst', () => {
  it('reads the ©too item and its UTF-8 data', async () => {
    const bytes = box('udta', fullBox('meta', 0, 0, [
      ...hdlr('mdir'),
      ...box('ilst', box('\u00a9too', [
        0x00, 0x00, 0x00, 0x17, // data size = 23
        0x64, 0x61, 0x74, 0x61, // type = 'data'
        0x00, // type_indicator_set = 0
        0x00, 0x00, 0x01, // well_known_type = 1 (UTF-8)
        0x00, 0x00, // country = 0
        0x00, 0x00, // language = 0
        ...ascii('Lavf59'), 0x2e, // value = "Lavf59."
      ])),
    ]));
    const { tree } = await parseBytes(bytes);
    for (const n of walk(tree)) expect(n.diagnostics).toEqual([]);
    const meta = find(tree, 'meta')!;
    expect(names(meta.fields)).toEqual(['size', 'type', 'version', 'flags']);
    expect(meta.children.map((c) => c.name)).toEqual(['hdlr', 'ilst']);
    const item = find(tree, 'ilst')!.children[0]!;
    expect(item.name).toBe('\u00a9too');
    expect(item.title).toBe('Encoding Tool');
    const d = item.children[0]!;
    expect(names(d.fields)).toEqual(['size', 'type', 'type_indicator_set', 'well_known_type', 'country', 'language', 'value']);
    expect(f(d, 'well_known_type').display).toBe('UTF-8 text');
    // udta header 8, meta header 8 + version/flags 4, hdlr 33, ilst header 8, item header 8, data header 8, type and locale 8
    expect(f(d, 'value')).toMatchObject({ value: 'Lavf59.', bitOffset: (8 + 12 + 33 + 8 + 8 + 8 + 8) * 8 });
  });
});

describe('meta (QuickTime) with keys', () => {
  it('detects the missing version and flags from the hdlr box that follows the header', async () => {
    const key = ascii('com.apple.quicktime.make');
    const bytes = box('meta', [
      ...hdlr('mdta'), // no version/flags before it
      ...fullBox('keys', 0, 0, [
        0x00, 0x00, 0x00, 0x01, // entry_count = 1
        ...u32(8 + key.length), // key_size
        ...ascii('mdta'), // key_namespace
        ...key, // key_value
      ]),
      ...box('ilst', [
        ...box('\u0000\u0000\u0000\u0001', data(1, ascii('Apple'))), // item for key 1
        ...box('tmpo', data(21, [0x00, 0x78])), // signed 16-bit integer = 120
        ...box('cpil', data(22, [0x01])), // unsigned 8-bit integer = 1
      ]),
    ]);
    const { tree } = await parseBytes(bytes);
    const meta = tree[0]!;
    for (const n of walk(tree)) expect(n.diagnostics).toEqual([]);
    expect(f(meta, 'layout').value).toBe('QuickTime');
    expect(meta.children.map((c) => c.name)).toEqual(['hdlr', 'keys', 'ilst']);
    const keys = meta.children[1]!;
    expect(f(keys, 'keys', 'keys[0]', 'key_value').value).toBe('com.apple.quicktime.make');
    const [make, tempo, compilation] = meta.children[2]!.children;
    expect(make!.title).toBe('Metadata Item (key 1)');
    expect(f(make!.children[0]!, 'value').value).toBe('Apple');
    expect(f(tempo!.children[0]!, 'value').value).toBe(120);
    expect(f(compilation!.children[0]!, 'value').value).toBe(1);
  });

  it('detects the QuickTime layout when the first child is not hdlr', async () => {
    const meta = await parseOne(box('meta', fullBox('keys', 0, 0, u32(0)))); // keys with entry_count = 0, no version/flags
    expect(f(meta, 'layout').value).toBe('QuickTime');
    expect(meta.children.map((c) => c.name)).toEqual(['keys']);
    expect(meta.children[0]!.diagnostics).toEqual([]);
  });

  it('does not let the meta handler replace the track handler', async () => {
    const ftyp = box('ftyp', [...ascii('qt  '), ...u32(0), ...ascii('qt  ')]);
    const trak = box('trak', [
      ...fullBox('tkhd', 0, 3, [...u32(0), ...u32(0), ...u32(1), ...new Array<number>(76).fill(0)]),
      ...box('mdia', hdlr('soun')),
      ...box('meta', hdlr('mdta')),
    ]);
    const { state } = await parseBytes([...ftyp, ...trak]);
    expect(state.handler).toBe('soun');
    expect(state.handlerByTrack.get(1)).toBe('soun');
  });
});

describe('bad ilst items', () => {
  it('stops at an item whose size is too small, and clamps one that overflows', async () => {
    const small = await parseOne(box('ilst', [0x00, 0x00, 0x00, 0x04, ...ascii('\u00a9nam'), 0, 0, 0, 0]));
    expect(codes(small)).toContain('box-size-too-small');
    const over = await parseOne(box('ilst', [0x00, 0x00, 0x00, 0x40, ...ascii('\u00a9nam'), ...data(1, ascii('x'))]));
    expect(codes(over)).toEqual(['box-overflows-parent']);
    expect(over.children[0]!.children[0]!.name).toBe('data');
  });

  it('reports a key_size that does not fit', async () => {
    const node = await parseOne(fullBox('keys', 0, 0, [...u32(1), ...u32(200), ...ascii('mdta'), ...ascii('ab')]));
    expect(codes(node)).toEqual(['key-size-invalid']);
    expect(f(node, 'keys', 'keys[0]', 'key_value').value).toBe('ab');
  });
});
