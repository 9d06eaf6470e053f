import { useEffect, useState } from 'react';
import { get } from '../../api/client';

/**
 * A form's submit (or any call a control starts with `run`): busy while it runs, its error (an ApiError names fields)
 * kept for the form to show.
 */
export function useFormAction(action: () => Promise<void> = async () => {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (act: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try { await act(); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const submit = (e?: React.FormEvent) => { e?.preventDefault(); return run(action); };
  return { busy, error, setError, run, submit };
}

/** What the server says about a one-time link (`GET path?token=`): null while asking, 'bad' when unknown, expired or used. */
export function useLinkCheck<T>(path: string, token: string): T | null | 'bad' {
  const [link, setLink] = useState<T | null | 'bad'>(null);
  useEffect(() => {
    if (!token) { setLink('bad'); return; }
    get<T>(`${path}?token=${encodeURIComponent(token)}`).then((l) => setLink(l ?? ({} as T)), () => setLink('bad'));
  }, [path, token]);
  return link;
}
