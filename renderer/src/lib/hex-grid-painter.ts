import { byteHex, offsetText } from './format.js';

/** Bytes per row of the hex view. */
export const COLS = 16;

/** What one screen of the hex view shows; the painter asks, cell by cell. */
export interface HexScreen {
  /** Row index (in rows of COLS bytes) of the first row on screen. */
  firstRow: number;
  rowCount: number;
  /** File size: cells at or past it are blank. */
  size: number;
  /** The byte at a file offset, or undefined while it is loading. */
  byteAt(offset: number): number | undefined;
  /** The cell's classes: `b`, then its structure colour, selection, cursor, partial-bit and EPB marks. */
  cellClass(offset: number): string;
  /** The row holding the cursor (its offset is shown brighter). */
  cursorRow: number;
}

interface Cell {
  el: HTMLSpanElement;
  text: string;
  className: string;
  /** The offset in data-o, or -1 for a blank cell (past the end of the file). */
  offset: number;
}

interface RowSlot {
  el: HTMLDivElement;
  off: HTMLSpanElement;
  offText: string;
  here: boolean;
  hex: Cell[];
  ascii: Cell[];
}

function ascii(b: number | undefined): string {
  if (b === undefined) return ' ';
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
}

function span(parent: HTMLElement, className: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  parent.appendChild(el);
  return el;
}

/**
 * Draws the hex view's rows into its grid element: a row per screen slot, 16 hex and 16 ASCII cells each,
 * created once and then only rewritten where their text, classes or offset changed.
 * Written by hand instead of as a Svelte template: a template gives each of the ~1,500 cells its own
 * reactive effects, which cost ~20 ms of the window's main thread when a document opens and on every
 * selection change; here one pass compares strings and touches only what differs.
 */
export class HexGridPainter {
  private readonly slots: RowSlot[] = [];

  constructor(private readonly root: HTMLElement) {}

  paint(screen: HexScreen): void {
    while (this.slots.length < screen.rowCount) this.slots.push(this.newSlot());
    while (this.slots.length > screen.rowCount) this.slots.pop()!.el.remove();
    for (let s = 0; s < screen.rowCount; s++) this.paintRow(this.slots[s]!, screen.firstRow + s, screen);
  }

  private newSlot(): RowSlot {
    const el = document.createElement('div');
    el.className = 'row';
    el.setAttribute('role', 'row');
    const off = span(el, 'off');
    const cols = span(el, 'cols');
    const asc = span(el, 'asc');
    const cell = (parent: HTMLElement): Cell => ({ el: span(parent, ''), text: '', className: '', offset: -2 });
    const slot: RowSlot = { el, off, offText: '', here: false, hex: [], ascii: [] };
    for (let c = 0; c < COLS; c++) {
      slot.hex.push(cell(cols));
      slot.ascii.push(cell(asc));
    }
    this.root.appendChild(el);
    return slot;
  }

  private paintRow(slot: RowSlot, row: number, screen: HexScreen): void {
    const base = row * COLS;
    const offText = offsetText(base, screen.size);
    if (slot.offText !== offText) slot.off.textContent = slot.offText = offText;
    const here = row === screen.cursorRow;
    if (slot.here !== here) slot.off.classList.toggle('here', (slot.here = here));
    for (let c = 0; c < COLS; c++) {
      const o = base + c;
      const gap = c === 8 ? ' gap' : '';
      if (o < screen.size) {
        const b = screen.byteAt(o);
        const className = screen.cellClass(o);
        update(slot.hex[c]!, b === undefined ? '··' : byteHex(b), className + gap, o, true);
        update(slot.ascii[c]!, ascii(b), className, o, false);
      } else {
        update(slot.hex[c]!, '  ', `b none${gap}`, -1, true);
        // Past the end the ASCII column simply ends.
        update(slot.ascii[c]!, '', 'b gone', -1, false);
      }
    }
  }
}

function update(cell: Cell, text: string, className: string, offset: number, isGridCell: boolean): void {
  if (cell.text !== text) cell.el.textContent = cell.text = text;
  if (cell.className !== className) cell.el.className = cell.className = className;
  if (cell.offset === offset) return;
  cell.offset = offset;
  if (offset >= 0) {
    cell.el.dataset['o'] = String(offset);
    if (isGridCell) {
      cell.el.setAttribute('role', 'gridcell');
      cell.el.tabIndex = -1;
    }
  } else {
    delete cell.el.dataset['o'];
    cell.el.removeAttribute('role');
    cell.el.removeAttribute('tabindex');
  }
}
