import { type Site, field, splice } from './sites.js';

/**
 * Annex B byte streams (ITU-T H.264 / H.265 Annex B): each start code removed, zero-length NAL units
 * inserted after it, the NAL header's type set to each parameter set and slice type, and runs of zero bytes
 * put where exp-Golomb fields begin (codes longer than 32 bits).
 */
export function annexbSites(b: Uint8Array): Site[] {
  const sites: Site[] = [];
  for (let i = 0; i + 3 < b.length && sites.length < 20_000; i++) {
    if (b[i] !== 0 || b[i + 1] !== 0 || b[i + 2] !== 1) continue;
    const nal = i + 3;
    sites.push(splice(`start code@${i} removed`, i, 3));
    sites.push(splice(`zero-length NAL units@${nal}`, nal, 0, [0, 0, 1, 0, 0, 1]));
    sites.push(field(`nal@${nal} header`, nal, 8, [0x00, 0x07, 0x08, 0x65, 0x67, 0x68, 0x40, 0x42, 0x44, 0x80, 0xff]));
    sites.push(splice(`exp-Golomb run@${nal + 2}`, nal + 2, 0, new Array<number>(6).fill(0)));
    sites.push(splice(`NAL unit@${nal} cut`, nal + 2, Math.min(64, b.length - nal - 2)));
    i += 2;
  }
  return sites;
}
