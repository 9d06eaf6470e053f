import { useEffect, useState } from 'react';

/**
 * A search box's text, committed after a pause in typing (to the address, or to the query it drives), and following
 * the committed value when that changes from elsewhere (back, forward, a link).
 */
export function useSearchDraft(current: string | undefined, commit: (q: string | undefined) => void): [string, (text: string) => void] {
  const [draft, setDraft] = useState(current ?? '');
  useEffect(() => {
    setDraft((text) => ((text.trim() || undefined) === current ? text : current ?? ''));
  }, [current]);
  useEffect(() => {
    const q = draft.trim() || undefined;
    if (q === current) return;
    const timer = setTimeout(() => commit(q), 250);
    return () => clearTimeout(timer);
  }, [draft]); // only the text decides: `commit` is a new function on every render
  return [draft, setDraft];
}
