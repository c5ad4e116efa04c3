// FieldReader.columns against the row-by-row table it replaces: the same fields, values and position for any
// layout, window, alignment and truncation (the bulk loop is only a faster way to read the unrecorded rows).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newColumn } from '../../../media/bits/fixed-columns.js';
import { FieldReader, type TableColumn } from '../../../media/model/field-reader.js';
import type { ParseOptions } from '../../../media/model/types.js';

/** What `columns` promises to equal: `table` with one reader call per column per row. */
function rowByRow(r: FieldReader, name: string, count: number, layout: readonly TableColumn[]) {
  const out = layout.map(newColumn(count));
  r.table(name, count, (i) => {
    layout.forEach((c, k) => {
      out[k]![i] = c.bits === 64 ? r.u64(c.name) : c.signed ? r.i(32, c.name, c.display) : r.u(32, c.name, c.display);
    });
  });
  return out;
}

function run(read: (r: FieldReader) => unknown, bytes: Uint8Array, lead: number, options: ParseOptions) {
  const r = new FieldReader(bytes, options);
  if (lead) r.u(lead, 'lead');
  let result: unknown;
  let error = '';
  try {
    result = read(r);
  } catch (e) {
    error = e instanceof Error ? e.constructor.name : String(e);
  }
  return { fields: structuredClone(r.fields), result: error ? null : (result as ArrayLike<number>[]).map((a) => Array.from(a)), pos: r.pos, error };
}

const column = fc.oneof(
  fc.constant<TableColumn>({ name: 'size', bits: 32, display: (v: number) => `${v} bytes` }),
  fc.constant<TableColumn>({ name: 'offset', bits: 32, signed: true }),
  fc.constant<TableColumn>({ name: 'chunk_offset', bits: 64 }),
);

describe('FieldReader.columns', () => {
  it('records and decodes exactly as the row-by-row table, for any window, alignment and truncation', () => {
    fc.assert(
      fc.property(
        fc.array(column, { minLength: 1, maxLength: 3 }),
        fc.nat(40),
        fc.uint8Array({ minLength: 1, maxLength: 700 }),
        fc.constantFrom(0, 8, 3),
        fc.record({ record: fc.boolean(), maxEntries: fc.nat(45), firstEntry: fc.nat(45) }),
        (layout, count, bytes, lead, options) => {
          const columns = run((r) => r.columns('entries', count, layout), bytes, lead, options);
          const reference = run((r) => rowByRow(r, 'entries', count, layout), bytes, lead, options);
          expect(columns).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads 64-bit values exactly below 2^53 and rounds above it as the u64 reader does', () => {
    const bytes = Uint8Array.from([0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
    const r = new FieldReader(bytes, { record: true, maxEntries: 0 });
    const [values] = r.columns('entries', 2, [{ name: 'chunk_offset', bits: 64 }]);
    expect([...values!]).toEqual([2 ** 53 - 1, Number(0xfffffffffffffffen)]);
    expect(r.fields[0]).toMatchObject({ name: 'entries', value: 2, omitted: 2, bitLength: 128 });
  });
});
