import { type Site, field, splice, u32At } from './sites.js';

/** Boxes whose body is only child boxes (and where FullBox or sample-entry fields come first, how many bytes of them). */
const CONTAINERS: Readonly<Record<string, number>> = {
  moov: 0, trak: 0, mdia: 0, minf: 0, stbl: 0, moof: 0, traf: 0, mvex: 0, edts: 0, dinf: 0, mfra: 0, udta: 0, sinf: 0, schi: 0, wave: 0, ilst: 0,
  meta: 4, stsd: 8, dref: 8,
  avc1: 78, avc3: 78, hvc1: 78, hev1: 78, encv: 78, mp4v: 78, mp4a: 28, enca: 28,
};

/**
 * Count fields by box type: byte offset from the box start for a plain 8-byte header, and width.
 * A function gets the box bytes for counts whose place depends on version or flags.
 */
const COUNTS: Readonly<Record<string, (b: Uint8Array, at: number) => Array<[number, number]>>> = {
  stts: () => [[12, 32]], ctts: () => [[12, 32]], stss: () => [[12, 32]], stsc: () => [[12, 32]], stco: () => [[12, 32]], co64: () => [[12, 32]],
  stsd: () => [[12, 32]], dref: () => [[12, 32]], elst: () => [[12, 32]], subs: () => [[12, 32]], senc: () => [[12, 32]], trun: () => [[12, 32]],
  stsz: () => [[12, 32], [16, 32]], stz2: () => [[16, 32]], tfra: () => [[24, 32]], mfro: () => [[12, 32]],
  sbgp: (b, at) => [[b[at + 8] === 1 ? 20 : 16, 32]],
  sgpd: (b, at) => (b[at + 8] === 1 ? [[16, 32], [20, 32]] : [[16, 32]]),
  saio: (b, at) => [[b[at + 11]! & 1 ? 20 : 12, 32]],
  saiz: (b, at) => [[b[at + 11]! & 1 ? 21 : 13, 32]],
  sidx: (b, at) => [[b[at + 8] === 0 ? 30 : 38, 16]],
  pssh: (b, at) => (b[at + 8] === 1 ? [[28, 32]] : [[28, 32]]),
};

/** Words of a box body offered as counts when no table above names the box's counts. */
const WORDS_PER_BOX = 64;

interface Walk {
  sites: Site[];
  boxes: number;
}

/**
 * Every box of an ISO-BMFF file, walked the way readers do, and its breakable fields: the size (to 0, 1, 7, 8,
 * 0xFFFFFFFF and one past the parent), the known count fields, flags that decide table layouts, and, as a
 * fallback, every 32-bit word of small boxes set to 0, 1, 2^31-1 and 2^32-1.
 */
export function isoSites(b: Uint8Array): Site[] {
  const walk: Walk = { sites: [], boxes: 0 };
  walkBoxes(b, 0, b.length, 0, walk);
  return walk.sites;
}

function walkBoxes(b: Uint8Array, from: number, to: number, depth: number, walk: Walk): void {
  let at = from;
  while (at + 8 <= to && walk.boxes < 20_000 && depth < 16) {
    let size = u32At(b, at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    let head = 8;
    if (size === 1 && at + 16 <= to) {
      size = u32At(b, at + 8) * 2 ** 32 + u32At(b, at + 12);
      head = 16;
    } else if (size === 0) size = to - at;
    if (size < head || at + size > to) return;
    walk.boxes++;
    addBoxSites(b, at, size, head, type, to, walk.sites);
    const skip = CONTAINERS[type];
    if (skip !== undefined) walkBoxes(b, at + head + skip, at + size, depth + 1, walk);
    at += size;
  }
}

function addBoxSites(b: Uint8Array, at: number, size: number, head: number, type: string, parentEnd: number, sites: Site[]): void {
  sites.push(field(`${type}@${at} size`, at, 32, [0, 1, 7, 8, 0xffffffff, parentEnd - at + 1]));
  const shift = head - 8;
  const counts = COUNTS[type]?.(b, at);
  for (const [offset, bits] of counts ?? []) if (offset + bits / 8 <= size) sites.push(field(`${type}@${at} count+${offset}`, at + shift + offset, bits));
  if (type === 'trun') sites.push(field(`trun@${at} flags`, at + shift + 9, 24, [0, 0x1, 0x5, 0x100, 0x200, 0xf01, 0xf05, 0xffffff]));
  if (type === 'tfhd') sites.push(field(`tfhd@${at} flags`, at + shift + 9, 24, [0, 0x20000, 0x3b, 0x2003b, 0xffffff]));
  if (type === 'stz2') sites.push(field(`stz2@${at} field_size`, at + shift + 15, 8, [0, 4, 8, 16, 255]));
  if (type === 'avcC' && size >= 16) {
    sites.push(field(`avcC@${at} numOfSequenceParameterSets`, at + 13, 5, [0, 1, 31], 3));
    sites.push(field(`avcC@${at} sequenceParameterSetLength`, at + 14, 16));
  }
  // Counts that no table bounds: every sample then takes its size (and all else) from a default.
  if (type === 'trun' && size >= 16) sites.push(splice(`trun@${at} from defaults, 2^32-1 samples`, at + shift + 9, 7, [0, 0, 1, 0xff, 0xff, 0xff, 0xff]));
  if (type === 'stsz' && size >= 20) {
    for (const sampleSize of [1, 4]) sites.push(splice(`stsz@${at} ${sampleSize}-byte samples, 2^32-1 of them`, at + shift + 12, 8, [0, 0, 0, sampleSize, 0xff, 0xff, 0xff, 0xff]));
  }
  if (type === 'mdat' || CONTAINERS[type] === 0) return;
  const words = Math.min(WORDS_PER_BOX, Math.floor((size - head) / 4));
  for (let w = 0; w < words; w++) sites.push({ ...field(`${type}@${at} word ${w}`, at + head + 4 * w, 32), generic: true });
}

