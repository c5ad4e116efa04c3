// QuickTime user data text atoms (QuickTime File Format, "User Data Text Strings and Language Codes"): in a
// `udta`, atoms whose type begins with © hold one or more strings, each with its length and language.
// (The same fourccs inside an iTunes `ilst` are items holding `data` boxes; ilst reads those itself.)
import type { FieldReader } from '../../../model/field-reader.js';
import { registerBoxes } from '../box-registry.js';
import { describeLanguageCode } from './media-header.js';

const TEXT_ATOMS: Readonly<Record<string, string>> = {
  '©nam': 'Title',
  '©ART': 'Artist',
  '©alb': 'Album',
  '©aut': 'Author',
  '©cmt': 'Comment',
  '©com': 'Composer',
  '©cpy': 'Copyright',
  '©day': 'Date',
  '©des': 'Description',
  '©dir': 'Director',
  '©enc': 'Encoded by',
  '©fmt': 'Format',
  '©inf': 'Information',
  '©key': 'Keywords',
  '©mak': 'Make',
  '©mod': 'Model',
  '©prd': 'Producer',
  '©req': 'Special playback requirements',
  '©src': 'Source credits',
  '©swr': 'Software',
  '©too': 'Encoding tool',
  '©url': 'URL',
  '©wrt': 'Writer',
  '©xyz': 'Location (ISO 6709)',
};

/** One or more (length, language, text) strings up to the end of the atom. */
function readTextAtom(r: FieldReader): void {
  let i = 0;
  while (r.bytesLeft >= 4) {
    r.group(`string[${i++}]`, () => {
      const size = r.u16('text_size', (v) => `${v} bytes`);
      r.u16('language', describeLanguageCode);
      // A length past the atom is cut to what is there; the box parser reports nothing left unread.
      return r.text(Math.min(size, r.bytesLeft), 'text');
    }, undefined, (text) => JSON.stringify(text));
  }
}

registerBoxes(
  ...Object.entries(TEXT_ATOMS).map(([type, what]) => ({
    type,
    within: 'udta',
    title: `${what} (QuickTime user data)`,
    spec: 'QuickTime File Format, User Data Atoms',
    parse: readTextAtom,
  })),
);
