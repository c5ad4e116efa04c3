import { describe, expect, it } from 'vitest';
import type { HdlrData, MdhdData } from '../../../../../media/formats/isobmff/box-data.js';
import { ascii, box, fullBox, u32 } from '../../../../helpers/bytes.js';
import { codes, f, find, findAll, names, parseBytes, parseOne } from './movie-box-kit.js';

describe('mdhd', () => {
  it('reads version 0 with a packed ISO 639-2 language', async () => {
    const node = await parseOne(fullBox('mdhd', 0, 0, [
      0x00, 0x00, 0x00, 0x00, // creation_time = 0
      0x00, 0x00, 0x00, 0x00, // modification_time = 0
      0x00, 0x00, 0xac, 0x44, // timescale = 44100
      0x00, 0x01, 0x5c, 0x88, // duration = 89224
      0x15, 0xc7, // pad = 0, language = 'eng' (5, 14, 7)
      0x00, 0x00, // pre_defined = 0
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'creation_time', 'modification_time', 'timescale', 'duration', 'pad', 'language', 'pre_defined']);
    expect(f(node, 'timescale').display).toBe('44100 units per second');
    expect(f(node, 'duration').display).toBe('2.02322 s');
    expect(f(node, 'pad')).toMatchObject({ bitOffset: 28 * 8, bitLength: 1, value: 0 });
    const language = f(node, 'language');
    expect(language).toMatchObject({ value: 'eng', display: "ISO 639-2 'eng'", bitOffset: 28 * 8 + 1, bitLength: 15 });
    expect(language.fields!.map((x) => [x.name, x.value, x.display])).toEqual([
      ['language[0]', 5, 'e'],
      ['language[1]', 14, 'n'],
      ['language[2]', 7, 'g'],
    ]);
    expect(node.data).toEqual({ timescale: 44100, duration: 89224, language: 'eng' } satisfies MdhdData);
  });

  it('reads version 1 and "und"', async () => {
    const node = await parseOne(fullBox('mdhd', 1, 0, [
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // creation_time = 0
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // modification_time = 0
      0x00, 0x98, 0x96, 0x80, // timescale = 10000000
      0x00, 0x00, 0x00, 0x00, 0x01, 0xcd, 0x4e, 0x88, // duration = 30232200
      0x55, 0xc4, // pad = 0, language = 'und'
      0x00, 0x00, // pre_defined = 0
    ]));
    expect(f(node, 'language').display).toBe('undetermined');
    expect(node.data).toEqual({ timescale: 10_000_000, duration: 30_232_200, language: 'und' });
  });

  it('reads a QuickTime Macintosh language code', async () => {
    const node = await parseOne(fullBox('mdhd', 0, 0, [...u32(0), ...u32(0), ...u32(600), ...u32(0),
      0x00, 0x00, // language = Macintosh code 0 (English)
      0x00, 0x00, // pre_defined
    ]));
    expect(f(node, 'language').display).toBe('QuickTime Macintosh language code 0 (eng)');
    expect((node.data as MdhdData).language).toBe('eng');
  });

  it('reports timescale 0 and does not divide by it', async () => {
    const node = await parseOne(fullBox('mdhd', 0, 0, [...u32(0), ...u32(0),
      0x00, 0x00, 0x00, 0x00, // timescale = 0
      0x00, 0x00, 0x10, 0x00, // duration = 4096
      0x55, 0xc4, 0x00, 0x00, // language = 'und', pre_defined
    ]));
    expect(codes(node)).toEqual(['timescale-zero']);
    expect(f(node, 'duration').display).toBeUndefined();
  });
});

const HDLR_VIDE = fullBox('hdlr', 0, 0, [
  0x00, 0x00, 0x00, 0x00, // pre_defined = 0
  0x76, 0x69, 0x64, 0x65, // handler_type = 'vide'
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // reserved[3]
  ...ascii('VideoHandler'), 0x00, // name = "VideoHandler", NUL-terminated
]);

describe('hdlr', () => {
  it('reads the handler type and a NUL-terminated name', async () => {
    const node = await parseOne(HDLR_VIDE);
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'pre_defined', 'handler_type', 'reserved', 'name']);
    expect(f(node, 'handler_type')).toMatchObject({ value: 'vide', display: 'video track', bitOffset: 16 * 8, bitLength: 32 });
    expect(f(node, 'name')).toMatchObject({ value: 'VideoHandler', bitOffset: 32 * 8, bitLength: 13 * 8 });
    expect(node.data).toEqual({ handlerType: 'vide', name: 'VideoHandler' } satisfies HdlrData);
  });

  it('reports a name without a terminator in an ISO file, and keeps it', async () => {
    const node = await parseOne(fullBox('hdlr', 0, 0, [
      ...u32(0), ...ascii('soun'), ...u32(0), ...u32(0), ...u32(0), // pre_defined, handler_type = 'soun', reserved[3]
      ...ascii('Sound'), // name = "Sound" with no NUL
    ]));
    expect(codes(node)).toEqual(['string-not-terminated']);
    expect((node.data as HdlrData).name).toBe('Sound');
  });

  it('reads a QuickTime Pascal-string name without a diagnostic in a QuickTime file', async () => {
    const ftyp = box('ftyp', [...ascii('qt  '), ...u32(0x200), ...ascii('qt  ')]);
    const hdlr = fullBox('hdlr', 0, 0, [
      0x6d, 0x68, 0x6c, 0x72, // pre_defined = 'mhlr' (QuickTime component_type)
      0x76, 0x69, 0x64, 0x65, // handler_type = 'vide'
      ...ascii('appl'), ...u32(0), ...u32(0), // reserved[3]: manufacturer, flags, flags mask
      0x05, // name_length = 5
      ...ascii('Video'), // name = "Video" (Pascal string: no terminator)
    ]);
    const { tree, state } = await parseBytes([...ftyp, ...hdlr]);
    const node = find(tree, 'hdlr')!;
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'pre_defined').display).toMatch(/'mhlr'/);
    expect(f(node, 'name_length').value).toBe(5);
    expect(f(node, 'name').value).toBe('Video');
    expect(state.handler).toBe('vide');
  });

  it('records the handler of the track being read, not of a QuickTime data handler or a meta', async () => {
    const tkhd = fullBox('tkhd', 0, 3, [...u32(0), ...u32(0), ...u32(5), ...u32(0), ...u32(0), ...new Array<number>(72).fill(0)]);
    const dataHandler = fullBox('hdlr', 0, 0, [
      0x64, 0x68, 0x6c, 0x72, // pre_defined = 'dhlr' (QuickTime data handler)
      ...ascii('alis'), ...u32(0), ...u32(0), ...u32(0), 0x00, // handler_type = 'alis', reserved[3], empty Pascal name
    ]);
    const metaHandler = fullBox('hdlr', 0, 0, [...u32(0), ...ascii('mdir'), ...u32(0), ...u32(0), ...u32(0), 0x00]);
    const trak = box('trak', [
      ...tkhd,
      ...box('mdia', [...HDLR_VIDE, ...box('minf', dataHandler)]),
      ...box('udta', fullBox('meta', 0, 0, metaHandler)),
    ]);
    const { tree, state } = await parseBytes(box('moov', trak));
    expect(findAll(tree, 'hdlr').map((n) => (n.data as HdlrData).handlerType)).toEqual(['vide', 'alis', 'mdir']);
    expect(state.trackId).toBe(5);
    expect(state.handler).toBe('vide');
    expect(state.handlerByTrack.get(5)).toBe('vide');
  });
});
