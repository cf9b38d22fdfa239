// Where a popover goes next to its anchor: below it when there is room, above otherwise, and
// always inside the viewport. Pure, so it is unit-tested without a browser.

const GAP = 8;
const MARGIN = 8;

export interface PopoverPosition {
  top: number;
  left: number;
  placement: 'below' | 'above';
}

export function placePopover(
  anchor: { left: number; top: number; bottom: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): PopoverPosition {
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - size.width - MARGIN));
  const below = anchor.bottom + GAP;
  if (below + size.height <= viewport.height - MARGIN || anchor.top - GAP - size.height < MARGIN) {
    return { top: Math.max(MARGIN, Math.min(below, viewport.height - size.height - MARGIN)), left, placement: 'below' };
  }
  return { top: anchor.top - GAP - size.height, left, placement: 'above' };
}
