import { useEffect, useRef, useState } from 'react';

/**
 * A boolean that turns on at once and off only after it stayed off for `holdMs`: a banner that
 * flickers with every refresh cannot be read from across the room.
 */
export function useHeld(on: boolean, holdMs: number): boolean {
  const [held, setHeld] = useState(on);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (on) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setHeld(true);
    } else if (held && !timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        setHeld(false);
      }, holdMs);
    }
  }, [on, held, holdMs]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return held;
}
