import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, notifyAuthError, problemOf } from './apiError';
import type { paths } from './schema';

export { ApiError, onAuthError, setCurrentRole } from './apiError';

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
const isAntiforgeryFailure = (e: ApiError) => e.status === 400 && CSRF_HEADER in e.errors;
const pathOf = (request: Request) => { const url = new URL(request.url); return url.pathname + url.search; };

/** Unsafe requests as sent, kept until answered, so one refused for its antiforgery token can be sent again. */
const unanswered = new Map<string, Request>();

/**
 * Every call goes with the session cookie (same origin). Every state-changing call carries the antiforgery header;
 * when the server refuses the token (it was issued before a sign-in), a new one is fetched and the call sent once more.
 * A refused call throws an ApiError from its problem details (401/403 also reach the auth listeners); no answer at all
 * throws an ApiError with status 0.
 */
const session: Middleware = {
  async onRequest({ request, id }) {
    if (isSafe(request.method)) return undefined;
    request.headers.set(CSRF_HEADER, await antiforgeryToken());
    unanswered.set(id, request.clone());
    return request;
  },
  async onResponse({ request, response, id }) {
    const sent = unanswered.get(id);
    unanswered.delete(id);
    if (response.ok) return undefined;
    let error = await problemOf(response, request.method, pathOf(request));
    if (sent && isAntiforgeryFailure(error)) {
      resetAntiforgery();
      sent.headers.set(CSRF_HEADER, await antiforgeryToken());
      const again = await fetchOrFail(sent);
      if (again.ok) return again;
      error = await problemOf(again, request.method, pathOf(request));
    }
    notifyAuthError(error);
    throw error;
  },
  onError({ request, id }) {
    unanswered.delete(id);
    return new ApiError(0, 'No connection', 'the host did not answer', [], {}, request.method, pathOf(request));
  },
};

async function fetchOrFail(request: Request): Promise<Response> {
  try { return await fetch(request); } catch {
    throw new ApiError(0, 'No connection', 'the host did not answer', [], {}, request.method, pathOf(request));
  }
}

/** The typed API client (paths and bodies from the host's OpenAPI document, src/api/schema.d.ts). Refusals throw ApiError. */
export const client = createClient<paths>({
  baseUrl: globalThis.location?.origin, credentials: 'same-origin', headers: { Accept: 'application/json' },
});
client.use(session);

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
