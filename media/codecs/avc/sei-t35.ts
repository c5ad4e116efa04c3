import type { NalContext } from './nal-context.js';
import { payloadBytes } from './sei-payloads.js';

const COUNTRY_CODES = { 0xb5: 'United States', 0x26: 'China', 0x00: 'Japan', 0xb4: 'United Kingdom' } as const;
const PROVIDER_CODES = { 0x0031: 'ATSC', 0x002f: 'DirecTV', 0x003c: 'Samsung', 0x003b: 'Dolby' } as const;
const ATSC_USER_DATA_TYPES = { 0x03: 'cc_data (CEA-708 closed captions)', 0x06: 'bar_data' } as const;
const CC_TYPES = { 0: 'NTSC field 1 (CEA-608)', 1: 'NTSC field 2 (CEA-608)', 2: 'DTVCC packet data', 3: 'DTVCC packet start' } as const;

/** cc_data() (ATSC A/53 Part 4 6.2.3, CEA-708 4.4). Returns how many cc pairs are marked valid. */
function readCcData(ctx: NalContext): number {
  const r = ctx.r;
  let valid = 0;
  r.group('cc_data', () => {
    r.flag('process_em_data_flag');
    r.flag('process_cc_data_flag');
    r.flag('additional_data_flag');
    let count = r.u(5, 'cc_count');
    r.u8('em_data');
    if (count * 3 > r.bytesLeft) {
      ctx.report('error', 'table-count-exceeds-payload', `cc_count ${count} needs ${count * 3} bytes, ${r.bytesLeft} are left`, r.pos - 16);
      count = Math.floor(r.bytesLeft / 3);
    }
    r.table('cc_data_pkt', count, () => {
      ctx.fixed(5, 'marker_bits', 0x1f);
      if (r.flag('cc_valid')) valid++;
      r.u(2, 'cc_type', CC_TYPES);
      r.u8('cc_data_1');
      r.u8('cc_data_2');
    });
    if (r.bytesLeft > 0) ctx.fixed(8, 'marker_bits', 0xff);
  });
  return valid;
}

/**
 * user_data_registered_itu_t_t35() (H.264 D.1.6). The payload after the country code belongs to
 * whoever registered it; the common one in broadcast is ATSC A/53 'GA94' carrying closed captions.
 */
export function readUserDataRegistered(ctx: NalContext): void {
  const r = ctx.r;
  const country = r.u8('itu_t_t35_country_code', COUNTRY_CODES);
  if (country === 0xff) r.u8('itu_t_t35_country_code_extension_byte');
  if (country === 0xb5 && r.bytesLeft >= 2) {
    const provider = r.u16('itu_t_t35_provider_code', PROVIDER_CODES);
    if (provider === 0x31 && r.bytesLeft >= 4) {
      const id = r.fourcc('user_identifier', (c) => (c === 'GA94' ? 'ATSC A/53' : c === 'DTG1' ? 'active format description' : undefined));
      if (id === 'GA94' && r.bytesLeft >= 1) {
        const type = r.u8('user_data_type_code', ATSC_USER_DATA_TYPES);
        if (type === 3) {
          const pairs = readCcData(ctx);
          r.derive('closed_captions', pairs > 0, pairs > 0 ? `present: ${pairs} valid cc_data pairs` : 'none in this picture');
        }
      }
    }
  }
  payloadBytes(ctx, 'itu_t_t35_payload_byte');
}
