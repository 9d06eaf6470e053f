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

export function notifyAuthError(error: ApiError): void {
  if (error.isAuth) authListeners.forEach((l) => l(error));
}

let currentRole: string | undefined;
/** The signed-in person's role, named in 403 advice. */
export function setCurrentRole(role: string | undefined): void { currentRole = role; }

/** The ApiError for a refused response: its problem details (title, detail, problems, errors, the rest as extensions). */
export async function problemOf(response: Response, method: string, path: string): Promise<ApiError> {
  const text = await response.clone().text();
  const json = text ? safeParse(text) : undefined;
  const { title, detail, problems, errors, ...rest } = (json ?? {}) as {
    title?: string; detail?: string; problems?: DefinitionProblem[]; errors?: Record<string, string[]>; [k: string]: unknown;
  };
  return new ApiError(response.status, title ?? `HTTP ${response.status}`, detail ?? (json ? undefined : text || undefined),
    problems ?? [], errors ?? {}, method, path, rest);
}

function safeParse(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** What to tell a person about a failed call: the ApiError's advice, else the error as text. */
export const adviceOf = (error: unknown): string => (error instanceof ApiError ? error.advice : String(error));
