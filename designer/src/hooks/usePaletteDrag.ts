import { useCallback, useRef, useState } from 'react';

export interface Ghost { type: string; x: number; y: number }

/**
 * Dragging a palette entry onto the canvas with pointer events (mouse, pen, touch alike).
 * A press without movement is left to the button's click (which adds the step at the view's centre).
 */
export function usePaletteDrag(onDrop: (type: string, clientX: number, clientY: number) => void) {
  const [ghost, setGhost] = useState<Ghost | null>(null);
  const suppressClick = useRef(false);

  const onPointerDown = useCallback((type: string) => (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const startX = e.clientX;
    const startY = e.clientY;
    let dragging = false;
    const move = (ev: PointerEvent) => {
      if (!dragging && Math.hypot(ev.clientX - startX, ev.clientY - startY) < 5) return;
      dragging = true;
      ev.preventDefault();
      setGhost({ type, x: ev.clientX, y: ev.clientY });
    };
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setGhost(null);
      if (dragging) {
        suppressClick.current = true;
        setTimeout(() => { suppressClick.current = false; }, 0);
        onDrop(type, ev.clientX, ev.clientY);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }, [onDrop]);

  return { ghost, onPointerDown, suppressClick };
}
