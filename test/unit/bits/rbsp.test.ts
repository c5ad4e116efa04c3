import { describe, expect, it } from 'vitest';
import { LinearMap } from '../../../media/bits/address-map.js';
import { RbspMap, toRbsp } from '../../../media/bits/rbsp.js';
import { FieldReader } from '../../../media/model/field-reader.js';
import { ANNOTATE } from '../../../media/model/types.js';

describe('toRbsp', () => {
  it('returns the bytes themselves and a linear map when nothing is escaped', () => {
    const nal = Uint8Array.of(0x67, 0x00, 0x00, 0x01 + 0x10, 0x00, 0x03);
    const rbsp = toRbsp(nal, 100);
    expect(rbsp.data.buffer).toBe(nal.buffer);
    expect(rbsp.map).toBeInstanceOf(LinearMap);
    expect(rbsp.epb).toEqual([]);
  });

  it('removes each 00 00 03 three-byte and records its file offset', () => {
    const nal = Uint8Array.of(
      0x06, // NAL header
      0x00, 0x00, 0x03, // 00 00 + emulation_prevention_three_byte at 103
      0x01, // payload
      0x00, 0x00, 0x03, // again at 107, directly after
      0x00, 0x00, 0x03, // and again at 110: the count of zeros restarts after each three-byte
      0x02,
    );
    const rbsp = toRbsp(nal, 100);
    expect([...rbsp.data]).toEqual([0x06, 0, 0, 0x01, 0, 0, 0, 0, 0x02]);
    expect(rbsp.epb).toEqual([103, 107, 110]);
    expect(rbsp.map).toBeInstanceOf(RbspMap);
    // RBSP byte 3 (0x01) is file byte 104; byte 8 (0x02) is file byte 111.
    expect(rbsp.map.fileBit(3 * 8)).toBe(104 * 8);
    expect(rbsp.map.fileBit(8 * 8 + 7)).toBe(111 * 8 + 7);
    expect(rbsp.map.fileBit(2 * 8 + 7)).toBe(102 * 8 + 7);
  });

  it('converts only the first `limit` bytes when asked', () => {
    const nal = Uint8Array.of(0x65, 0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x01);
    const rbsp = toRbsp(nal, 0, 5);
    expect([...rbsp.data]).toEqual([0x65, 0, 0, 0x01]);
    expect(rbsp.consumed).toBe(5);
  });

  it('lets a FieldReader report a field straddling a removed byte at its file bits', () => {
    const nal = Uint8Array.of(
      0x00, 0x00, // first 16 bits of a 32-bit field
      0x03, // emulation_prevention_three_byte (file byte 12)
      0x01, 0x80, // the field's last 16 bits
    );
    const rbsp = toRbsp(nal, 10);
    const r = new FieldReader(rbsp.data, ANNOTATE, rbsp.map);
    expect(r.u32('value')).toBe(0x0180);
    expect(r.fields[0]).toMatchObject({ name: 'value', bitOffset: 80, bitLength: 40, ownBits: 32 });
  });

  it('maps fast with thousands of removed bytes', () => {
    const nal = new Uint8Array(300_000);
    for (let i = 2; i < nal.length; i += 3) nal[i] = 3; // 00 00 03 repeated: every third byte removed
    const rbsp = toRbsp(nal, 0);
    expect(rbsp.epb.length).toBe(100_000);
    expect(rbsp.data.length).toBe(200_000);
    const t = performance.now();
    let sum = 0;
    for (let b = 0; b < rbsp.data.length * 8; b += 8) sum += rbsp.map.fileBit(b);
    expect(performance.now() - t).toBeLessThan(500);
    expect(rbsp.map.fileBit(199_999 * 8)).toBe((299_999 - 1) * 8);
    expect(sum).toBeGreaterThan(0);
  });
});
