/**
 * ISO-BMFF boxes as pasted (the start of an MP4, a moof, an avcC box with its header), read by the same
 * box walker that reads children in a file. Every top-level box must be a type Bitlens knows, sized to
 * fit, and read without complaint; only the last may be cut off by the end of the paste, and only
 * after a whole box has shown the bytes are boxes.
 */
import '../formats/isobmff/boxes/index.js';
import { parseBoxes } from '../formats/isobmff/box-parser.js';
import { boxDef } from '../formats/isobmff/box-registry.js';
import { newIsoState } from '../formats/isobmff/iso-state.js';
import { FieldReader } from '../model/field-reader.js';
import { ANNOTATE, type Node } from '../model/types.js';
import { type Candidate, fail, firstProblem } from './candidate.js';

/** Nested boxes of unregistered types are shown as bytes with an info; they do not make the parent less a box. */
const NESTED_ALLOWED: ReadonlySet<string> = new Set(['unknown-box']);
const CUT_OFF: ReadonlySet<string> = new Set(['box-overflows-parent', 'truncated-box']);

function boxType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at + 4, at + 8));
}

export const isobmffCandidate: Candidate = {
  type: 'isobmff',
  variant: 'ISO-BMFF boxes',
  strength: 95,
  run(bytes) {
    if (bytes.length < 8) return fail('fewer than 8 bytes: no box header');
    const type = boxType(bytes, 0);
    const key = type === 'uuid' && bytes.length >= 24 ? undefined : type;
    if (key !== undefined && !boxDef(key)) return fail(`the first box type '${type.replace(/[^\x20-\x7e]/g, '.')}' is not one Bitlens knows`);
    const tree: Node[] = [];
    const r = new FieldReader(bytes, ANNOTATE);
    parseBoxes(r, bytes.length, tree, { state: newIsoState(), fileSize: bytes.length }, 0);
    for (let i = 0; i < tree.length; i++) {
      const box = tree[i]!;
      const last = i === tree.length - 1;
      if (box.kind !== 'box') return fail(`${box.end - box.start} bytes at ${box.start} are not a box (${box.name})`, tree);
      const def = boxDef(box.name);
      if (!def && box.name !== 'uuid') return fail(`box type '${box.name}' at byte ${box.start} is not one Bitlens knows`, tree);
      const own = box.diagnostics.find((d) => !NESTED_ALLOWED.has(d.code));
      if (last && i > 0 && own && CUT_OFF.has(own.code)) {
        return { ok: true, reason: `${tree.length} boxes (${tree.map((b) => b.name).join(', ')}); the paste ends inside the last`, tree, notes: [`the '${box.name}' box at byte ${box.start} is cut off by the end of the paste`] };
      }
      const problem = firstProblem([box], NESTED_ALLOWED);
      if (problem) return fail(problem, tree);
    }
    return { ok: true, reason: `${tree.length} box${tree.length === 1 ? '' : 'es'} (${tree.map((b) => b.name).join(', ')})`, tree };
  },
};
