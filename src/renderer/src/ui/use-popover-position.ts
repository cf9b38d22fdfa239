// Keeps a popover placed next to its anchor (see popover-placement.ts), following the anchor
// when the page scrolls or resizes.
import { useLayoutEffect, useState, type RefObject } from 'react';
import type { PopoverAnchor } from '../store';
import { placePopover, type PopoverPosition } from './popover-placement';

export function usePopoverPosition(anchor: PopoverAnchor | null, popover: RefObject<HTMLElement | null>, deps: unknown): PopoverPosition | null {
  const [position, setPosition] = useState<PopoverPosition | null>(null);
  useLayoutEffect(() => {
    const element = popover.current;
    if (!element) return;
    const update = () => {
      const viewport = { width: window.innerWidth, height: window.innerHeight };
      const size = { width: element.offsetWidth, height: element.offsetHeight };
      // Without an anchor (opened from code) the popover sits near the top of the screen.
      const rect = anchor?.getBoundingClientRect() ?? { left: (viewport.width - size.width) / 2, top: 64, bottom: 64 };
      const next = placePopover(rect, size, viewport);
      setPosition((prev) => (prev && prev.top === next.top && prev.left === next.left ? prev : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    window.addEventListener('resize', update);
    window.addEventListener('scroll', update, true);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
      window.removeEventListener('scroll', update, true);
    };
  }, [anchor, popover, deps]);
  return position;
}
