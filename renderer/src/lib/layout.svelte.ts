/** Pane sizes of the window, shared by every tab (switching documents keeps the layout). */
class Layout {
  left = $state(330);
  right = $state(330);
  bottom = $state(210);
}

export const layout = new Layout();
