import type { DefinitionProblem } from './types';
import { forbiddenAdvice } from '../model/access';

/** An error response from the API, with the problem-details fields the designer shows. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly problems: DefinitionProblem[],
    /** Field → messages (problem details `errors`), for forms. */
    readonly errors: Record<string, string[]> = {},
    readonly method = 'GET',
    readonly path = '',
    /** Extra problem-details members (`reason`, `lockedUntil` on a refused sign-in). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  get isAuth(): boolean { return this.status === 401 || this.status === 403; }

  /** The first message for a form field, if the server named it. */
  fieldError(field: string): string | undefined { return this.errors[field]?.[0]; }

  /** A sentence that says what happened and what to do. */
  get advice(): string {
    if (this.status === 401) return 'You are not signed in (or your session ended). Sign in again to continue.';
    if (this.status === 403) return forbiddenAdvice(this.method, this.path, currentRole);
    if (this.status === 429) return 'Too many requests from you in the last minute. Wait a moment, then try again.';
    if (this.status === 0) return 'The designer cannot reach the host. Check that CsPlaybooks is running, then try again.';
    return this.message;
  }
}

type Listener = (e: ApiError) => void;
const authListeners = new Set<Listener>();
/** Called on every 401/403 (the app shows the sign-in screen on a 401). */
export function onAuthError(listener: Listener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

let currentRole: string | undefined;
/** The signed-in person's role, named in 403 advice. */
export function setCurrentRole(role: string | undefined): void { currentRole = role; }

export const CSRF_HEADER = 'X-CSRF-TOKEN';
let csrf: Promise<string> | null = null;

/** The antiforgery token is tied to the signed-in person: forget it after signing in or out. */
export function resetAntiforgery(): void { csrf = null; }

function antiforgeryToken(): Promise<string> {
  if (!csrf) {
    const request = send<{ token: string }>('GET', '/api/auth/antiforgery').then((r) => r.token);
    request.catch(() => { if (csrf === request) csrf = null; });
    csrf = request;
  }
  return csrf;
}

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';
const isAntiforgeryFailure = (e: ApiError) => e.status === 400 && CSRF_HEADER in e.errors;

/**
 * A call to the API with the session cookie (same origin). Every state-changing call carries the antiforgery header;
 * when the server refuses the token (it was issued before a sign-in), a new one is fetched and the call sent once more.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (isSafe(method)) return send<T>(method, path, body);
  try {
    return await send<T>(method, path, body, await antiforgeryToken());
  } catch (e) {
    if (!(e instanceof ApiError) || !isAntiforgeryFailure(e)) throw e;
    resetAntiforgery();
    return send<T>(method, path, body, await antiforgeryToken());
  }
}

async function send<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers[CSRF_HEADER] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'No connection', 'the host did not answer', [], {}, method, path);
  }
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const { title, detail, problems, errors, ...rest } = (json ?? {}) as {
      title?: string; detail?: string; problems?: DefinitionProblem[]; errors?: Record<string, string[]>; [k: string]: unknown;
    };
    const error = new ApiError(response.status, title ?? `HTTP ${response.status}`, detail ?? (json ? undefined : text || undefined),
      problems ?? [], errors ?? {}, method, path, rest);
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
export const del = <T>(path: string) => api<T>('DELETE', path);
