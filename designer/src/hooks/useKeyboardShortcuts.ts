import { useEffect } from 'react';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Ctrl/⌘ + Z, Y (or Shift+Z), C, V, S. Text fields keep their own undo/copy/paste; Ctrl+S works everywhere. */
export function useKeyboardShortcuts(handlers: { undo(): void; redo(): void; copy(): void; paste(): void; save(): void }, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') { e.preventDefault(); handlers.save(); return; }
      if (isTyping(e.target)) return;
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); handlers.undo(); }
      else if (key === 'y' || (key === 'z' && e.shiftKey)) { e.preventDefault(); handlers.redo(); }
      else if (key === 'c') { if (window.getSelection()?.toString()) return; e.preventDefault(); handlers.copy(); }
      else if (key === 'v') { e.preventDefault(); handlers.paste(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers, enabled]);
}
