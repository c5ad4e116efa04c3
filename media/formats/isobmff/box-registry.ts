import type { BoxScope } from './box-scope.js';
import type { FieldReader } from '../../model/field-reader.js';

/** How one box type is read. One declaration drives decoding and annotation. */
export interface BoxDef {
  /** fourcc, or `uuid:<32 hex digits>` for uuid extension boxes. */
  type: string;
  /** The specification's name for it: `Movie Header Box`. */
  title: string;
  /** ISO/IEC 14496-12 FullBox: the framework reads version and flags first. */
  full?: boolean;
  /** Reads the body after the header (and after version/flags). Children are read by `box.children()`. */
  parse?: (r: FieldReader, box: BoxScope) => void;
  /** A plain container: its body is boxes (read after `parse`, if any). */
  container?: boolean;
  /** Payload kept as a byte range, never loaded (mdat). */
  range?: boolean;
  /** Specification reference, e.g. `ISO/IEC 14496-12 8.2.2`. */
  spec?: string;
}

const defs = new Map<string, BoxDef>();

/** Registers box definitions; a second definition of the same type is a programming error. */
export function registerBoxes(...list: BoxDef[]): void {
  for (const def of list) {
    if (defs.has(def.type)) throw new Error(`box ${def.type} is registered twice`);
    defs.set(def.type, def);
  }
}

export function boxDef(type: string): BoxDef | undefined {
  return defs.get(type);
}

export function registeredBoxTypes(): string[] {
  return [...defs.keys()];
}
