import { describe, expect, it } from 'vitest';
import type { EmsgData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, field, fieldNames, parseOne } from './movie-box-kit.js';
import { ascii, fullBox, u32, u64 } from '../../../../helpers/bytes.js';

describe('emsg', () => {
  it('reads version 0: strings first, then the delta time', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x30, // size = 48
      0x65, 0x6d, 0x73, 0x67, // type = 'emsg'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x75, 0x72, 0x6e, 0x3a, 0x78, 0x3a, 0x69, 0x64, 0x33, 0x00, // scheme_id_uri = 'urn:x:id3' + NUL
      0x31, 0x00, // value = '1' + NUL
      0x00, 0x00, 0x03, 0xe8, // timescale = 1000
      0x00, 0x00, 0x01, 0xf4, // presentation_time_delta = 500
      0xff, 0xff, 0xff, 0xff, // event_duration = 0xFFFFFFFF (unknown)
      0x00, 0x00, 0x00, 0x2a, // id = 42
      0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, // message_data = 'ID3' ...
    ]);
    expect(node.diagnostics).toEqual([]);
    const data = node.data as EmsgData;
    expect(data).toMatchObject({ schemeIdUri: 'urn:x:id3', value: '1', timescale: 1000, presentationTimeDelta: 500, eventDuration: 0xffffffff, id: 42 });
    expect(data.presentationTime).toBeUndefined();
    expect([...data.messageData]).toEqual([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0]);
    expect(field(node.fields, 'event_duration')?.display).toBe('unknown duration');
    expect(fieldNames(node).slice(4)).toEqual(['scheme_id_uri', 'value', 'timescale', 'presentation_time_delta', 'event_duration', 'id', 'message_data']);
  });

  it('reads version 1: times first, 64-bit presentation_time, then the strings', async () => {
    const node = await parseOne(fullBox('emsg', 1, 0, [
      ...u32(90000), // timescale = 90000
      ...u64(0x123456789n), // presentation_time = 4886718345
      ...u32(180000), // event_duration = 180000 (2 s)
      ...u32(7), // id = 7
      ...ascii('urn:scte:scte35:2013:bin'), 0x00, // scheme_id_uri
      0x00, // value = ''
      0xfc, 0x30, // message_data
    ]));
    expect(node.diagnostics).toEqual([]);
    const data = node.data as EmsgData;
    expect(data).toMatchObject({ schemeIdUri: 'urn:scte:scte35:2013:bin', value: '', timescale: 90000, presentationTime: 0x123456789, eventDuration: 180000, id: 7 });
    expect(field(node.fields, 'event_duration')?.display).toBe('180000 ticks (2 s)');
    expect([...data.messageData]).toEqual([0xfc, 0x30]);
  });

  it('reports an unterminated string without throwing and keeps what was read', async () => {
    const node = await parseOne(fullBox('emsg', 0, 0, ascii('urn:no:terminator')));
    expect(codes(node)).toEqual(['string-not-terminated']);
    expect(field(node.fields, 'scheme_id_uri')?.value).toBe('urn:no:terminator');
    expect(node.data).toMatchObject({ schemeIdUri: '' });
  });

  it('reports an unterminated value string in version 1', async () => {
    const node = await parseOne(fullBox('emsg', 1, 0, [...u32(0), ...u64(0n), ...u32(0), ...u32(1), 0x61, 0x00, 0x62, 0x63]));
    expect(codes(node)).toEqual(['timescale-zero', 'string-not-terminated']);
    expect(node.data).toMatchObject({ schemeIdUri: 'a', id: 1 });
  });
});
