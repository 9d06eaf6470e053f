import { useEffect, useState } from 'react';
import { ApiError, get, getApiKey } from './client';
import type { Me } from './types';

let cached: { key: string | null; promise: Promise<Me> } | null = null;

/** GET /api/me once per API key (the header and the task inbox share the answer); a failed call is asked again next time. */
export function fetchMe(): Promise<Me> {
  const key = getApiKey();
  if (cached?.key !== key) {
    const promise = get<Me>('/api/me');
    cached = { key, promise };
    promise.catch(() => { if (cached?.promise === promise) cached = null; });
  }
  return cached!.promise;
}

/** The current key's identity; `error` says why it is unknown (the screens then fall back to what the API allows). */
export function useMe(): { me?: Me; error?: string } {
  const [state, setState] = useState<{ me?: Me; error?: string }>({});
  useEffect(() => {
    let live = true;
    fetchMe().then((me) => { if (live) setState({ me }); },
      (e) => { if (live) setState({ error: e instanceof ApiError ? e.advice : String(e) }); });
    return () => { live = false; };
  }, []);
  return state;
}
