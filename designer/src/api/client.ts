import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, notifyAuthError, problemOf } from './apiError';
import type { paths } from './schema';

export { adviceOf, ApiError, onAuthError, setCurrentRole } from './apiError';

export const CSRF_HEADER = 'X-CSRF-TOKEN';
let csrf: Promise<string> | null = null;

/** The antiforgery token is tied to the signed-in person: forget it after signing in or out. */
export function resetAntiforgery(): void { csrf = null; }

function antiforgeryToken(): Promise<string> {
  if (!csrf) {
    const request = data(client.GET('/api/auth/antiforgery')).then((r) => r.token ?? '');
    request.catch(() => { if (csrf === request) csrf = null; });
    csrf = request;
  }
  return csrf;
}

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';
const pathOf = (request: Request) => { const url = new URL(request.url); return url.pathname + url.search; };

async function isAntiforgeryRefusal(response: Response): Promise<boolean> {
  if (response.status !== 400) return false;
  const problem = await response.clone().json().catch(() => undefined) as { errors?: Record<string, unknown> } | undefined;
  return !!problem?.errors && CSRF_HEADER in problem.errors;
}

/**
 * Sends a call with the session cookie (same origin). A state-changing call carries the antiforgery header; when the
 * server refuses the token (it was issued before a sign-in), a new one is fetched and the call sent once more. Its
 * body goes as text, so the retry can send it again (and the browser's tools show it).
 */
async function sessionFetch(request: Request): Promise<Response> {
  if (isSafe(request.method)) return fetch(request);
  const body = await request.text();
  const send = async () => {
    const headers = new Headers(request.headers);
    headers.set(CSRF_HEADER, await antiforgeryToken());
    return fetch(request.url, { method: request.method, headers, body: body || undefined, credentials: request.credentials });
  };
  const response = await send();
  if (!(await isAntiforgeryRefusal(response))) return response;
  resetAntiforgery();
  return send();
}

/** A refused call throws an ApiError from its problem details (401/403 also reach the auth listeners); no answer at all, one with status 0. */
const problems: Middleware = {
  async onResponse({ request, response }) {
    if (response.ok) return undefined;
    const error = await problemOf(response, request.method, pathOf(request));
    notifyAuthError(error);
    throw error;
  },
  onError({ request }) {
    return new ApiError(0, 'No connection', 'the host did not answer', [], {}, request.method, pathOf(request));
  },
};

/** The typed API client (paths and bodies from the host's OpenAPI document, src/api/schema.d.ts). Refusals throw ApiError. */
export const client = createClient<paths>({
  baseUrl: globalThis.location?.origin, credentials: 'same-origin', headers: { Accept: 'application/json' }, fetch: sessionFetch,
});
client.use(problems);

/** The body of a call's success answer (a refused call has already thrown). */
export async function data<R extends { data?: unknown }>(call: Promise<R>): Promise<NonNullable<R['data']>> {
  return (await call).data as NonNullable<R['data']>;
}

type UntypedRequest = (method: string, url: string, init: { body?: unknown }) => Promise<{ data?: unknown }>;

/** A call by path (with its query string) for screens that build paths themselves; typed calls use `client`. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const request = client.request as unknown as UntypedRequest;
  return (await request(method, path, body === undefined ? {} : { body })).data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
