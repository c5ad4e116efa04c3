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
  /**
   * Read this way only directly inside a box of this type, where it differs from the type's usual meaning
   * (QuickTime's `wave` reuses codec fourccs such as `mp4a` for small atoms of its own).
   */
  within?: string;
}

const defs = new Map<string, BoxDef>();

const keyOf = (type: string, within?: string): string => (within === undefined ? type : `${within}/${type}`);

/** Registers box definitions; a second definition of the same type (in the same parent) is a programming error. */
export function registerBoxes(...list: BoxDef[]): void {
  for (const def of list) {
    const key = keyOf(def.type, def.within);
    if (defs.has(key)) throw new Error(`box ${key} is registered twice`);
    defs.set(key, def);
  }
}

/** The definition of `type` as a child of `parent`: the parent-specific one first, then the type's own. */
export function boxDef(type: string, parent?: string): BoxDef | undefined {
  return (parent !== undefined ? defs.get(keyOf(type, parent)) : undefined) ?? defs.get(type);
}

/** Registered types, parent-specific ones as `parent/type`. */
export function registeredBoxTypes(): string[] {
  return [...defs.keys()];
}
