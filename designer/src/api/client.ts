import type { DefinitionProblem } from './types';

const KEY_STORAGE = 'csplaybooks.apiKey';

export function getApiKey(): string | null { return localStorage.getItem(KEY_STORAGE); }
export function setApiKey(key: string | null): void {
  if (key) localStorage.setItem(KEY_STORAGE, key.trim());
  else localStorage.removeItem(KEY_STORAGE);
}

/** An error response from the API, with the problem-details fields the designer shows. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly problems: DefinitionProblem[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  get isAuth(): boolean { return this.status === 401 || this.status === 403; }

  /** A sentence that says what happened and what to do. */
  get advice(): string {
    if (this.status === 401) return 'The API key is missing or wrong. Use "Change API key" and paste the key the host printed at start-up (data/local-api-key.txt when running locally).';
    if (this.status === 403) return 'This API key may not do that. Ask for a key with the "ops" role.';
    if (this.status === 0) return 'The designer cannot reach the host. Check that CsPlaybooks is running, then try again.';
    return this.message;
  }
}

type Listener = (e: ApiError) => void;
const authListeners = new Set<Listener>();
/** Called on every 401/403, so the app can show the connect form. */
export function onAuthError(listener: Listener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = getApiKey();
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'No connection', 'the host did not answer', []);
  }
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const p = (json ?? {}) as { title?: string; detail?: string; problems?: DefinitionProblem[] };
    const error = new ApiError(response.status, p.title ?? `HTTP ${response.status}`, p.detail ?? (json ? undefined : text || undefined), p.problems ?? []);
    if (error.isAuth) authListeners.forEach((l) => l(error));
    throw error;
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
