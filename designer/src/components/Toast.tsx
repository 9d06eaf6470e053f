import { create } from 'zustand';

interface ToastState { message: string | null; kind: 'info' | 'error'; show(message: string, kind?: 'info' | 'error'): void; clear(): void }

/** One status line for the whole app (saved, published, failed …), announced to screen readers. */
export const useToast = create<ToastState>()((set) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    message: null,
    kind: 'info',
    show(message, kind = 'info') {
      clearTimeout(timer);
      set({ message, kind });
      timer = setTimeout(() => set({ message: null }), kind === 'error' ? 12000 : 5000);
    },
    clear() { set({ message: null }); },
  };
});

export function Toast() {
  const { message, kind, clear } = useToast();
  return (
    <div className={`toast ${kind}`} role={kind === 'error' ? 'alert' : 'status'} aria-live="polite" data-testid="toast" hidden={!message}>
      {message} {message && <button type="button" className="link" onClick={clear} aria-label="Dismiss">✕</button>}
    </div>
  );
}
