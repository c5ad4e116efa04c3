import type { Field } from '../../media/model/types.js';

/** The first field named `name`, depth first through groups and table rows. */
export function findField(fields: readonly Field[], name: string): Field | undefined {
  for (const f of fields) {
    if (f.name === name) return f;
    const inner = f.fields && findField(f.fields, name);
    if (inner) return inner;
  }
  return undefined;
}
