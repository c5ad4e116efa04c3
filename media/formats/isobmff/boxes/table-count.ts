import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';

/**
 * Reads a 32-bit table count and checks it against the bytes left in the box before anything is
 * allocated from it. A count the box cannot hold is reported at the count field and clamped to
 * the entries that fit, so the table still shows what is there.
 * `entryBits` is the size of one entry in bits (stz2 packs 4-bit entries).
 */
export function readCount(r: FieldReader, box: BoxScope, name: string, entryBits: number): number {
  const at = r.absByte;
  const count = r.u32(name);
  return fitCount(r, box, name, count, entryBits, at);
}

/** The check of `readCount`, for counts read some other way (8-bit counts, counts read earlier). */
export function fitCount(r: FieldReader, box: BoxScope, name: string, count: number, entryBits: number, at = r.absByte): number {
  // Multiplying in floating point cannot wrap: 2^32 entries of 64 bits is still exact.
  const room = Math.floor(r.bitsLeft / entryBits);
  if (count <= room) return count;
  const needed = Math.ceil((count * entryBits) / 8);
  box.report('error', 'table-count-exceeds-box', `${name} ${count} needs ${needed} bytes, but the box has ${r.bytesLeft} left; reading ${room}`, at, box.end);
  return room;
}

/** False (with a diagnostic) for a FullBox version this parser does not know; its body is then left unread. */
export function knownVersion(box: BoxScope, max: number): boolean {
  if (box.version <= max) return true;
  box.report('warning', 'unknown-box-version', `'${box.type}' version ${box.version} is not defined (known: 0 to ${max}); its body is not decoded`);
  return false;
}
