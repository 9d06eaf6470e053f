import { dashboardState, TIERS, type DashboardState } from '../model/dashboard';
import type { TaskFilter } from '../model/success';

/**
 * The search parameters of each screen, read from the address. Values arrive as text (see `parseSearch`); one that is
 * empty, of the wrong kind or outside its choices is dropped, so a bad or stale link opens the screen unfiltered
 * instead of failing. Each validator names every key it owns (undefined when dropped): the router lays a route's
 * result over the raw parameters, so a key left out would keep its bad value.
 */
type Raw = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const oneOf = <T extends string>(choices: readonly T[]) => (v: unknown): T | undefined =>
  (typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : undefined);
/**
 * A whole number > 0: written as digits in an address ("50"), or as the number a link or navigate() passes (the router
 * validates those before they reach the address); `skip=0` is dropped as the default.
 */
const positive = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : typeof v === 'number' && Number.isSafeInteger(v) ? v : 0;
  return n > 0 ? n : undefined;
};

export const HEALTH_BANDS = ['red', 'yellow', 'green', 'unscored'] as const;
export const ACCOUNT_SORTS = ['name', '-name', 'healthScore', '-healthScore', 'contractEnd', '-contractEnd', '-updatedAt'] as const;
/** The lifecycle stages (DOMAIN.md §2; the server's Lifecycle.Stages). */
export const STAGES = ['signing', 'onboarding', 'growth', 'maturity', 'at-risk', 'renewal', 'churned'] as const;
export interface AccountsSearch {
  q?: string; tier?: string; stage?: (typeof STAGES)[number]; industry?: string; csmId?: string;
  healthBand?: (typeof HEALTH_BANDS)[number]; sort?: (typeof ACCOUNT_SORTS)[number]; skip?: number;
}
export const accountsSearch = (s: Raw): AccountsSearch => ({
  q: text(s.q), tier: oneOf(TIERS)(s.tier), stage: oneOf(STAGES)(s.stage), industry: text(s.industry), csmId: text(s.csmId),
  healthBand: oneOf(HEALTH_BANDS)(s.healthBand), sort: oneOf(ACCOUNT_SORTS)(s.sort), skip: positive(s.skip),
});

const TASK_SHOWS: readonly TaskFilter[] = ['open', 'overdue', 'completed', 'all'];
/** `show` defaults to "open" (My work); `csm`: whose workbench an ops user or CS lead looks at; `skip`: the page of a flat list. */
export interface TasksSearch { show?: Exclude<TaskFilter, 'open'>; csm?: string; skip?: number }
export const tasksSearch = (s: Raw): TasksSearch => {
  const show = oneOf(TASK_SHOWS)(s.show);
  return { show: show === 'open' ? undefined : show, csm: text(s.csm), skip: positive(s.skip) };
};

export const EMAIL_STATES = ['queued', 'deferred', 'sending', 'sent', 'failed', 'suppressed'] as const;
export interface EmailsSearch { state?: (typeof EMAIL_STATES)[number]; q?: string; skip?: number }
export const emailsSearch = (s: Raw): EmailsSearch => ({ state: oneOf(EMAIL_STATES)(s.state), q: text(s.q), skip: positive(s.skip) });

export const INSTANCE_STATUSES = ['running', 'faulted', 'completed', 'cancelled', 'any'] as const;
/**
 * The runtime tab: which version, the instances' status ("any" for all; without it the open instance's status, else
 * running), the step they wait at, accounts found by id, the page and the open instance.
 */
export interface RuntimeSearch {
  version?: number; status?: (typeof INSTANCE_STATUSES)[number]; step?: string; q?: string; skip?: number; instance?: string;
}
export const runtimeSearch = (s: Raw): RuntimeSearch => ({
  version: positive(s.version), status: oneOf(INSTANCE_STATUSES)(s.status), step: text(s.step), q: text(s.q), skip: positive(s.skip), instance: text(s.instance),
});

/** #/new/{id}?name=: the name may be empty (the id is then the name), but a new playbook always has one. */
export interface NewPlaybookSearch { name?: string }
export const newPlaybookSearch = (s: Raw): NewPlaybookSearch => ({ name: text(s.name) });

export const dashboardSearch = (s: Raw): DashboardState => ({
  tier: undefined, industry: undefined, csmId: undefined, tag: undefined, playbook: undefined,
  ...dashboardState(Object.fromEntries(Object.entries(s).filter((e): e is [string, string] => typeof e[1] === 'string'))),
});

/** Search strings as plain text (`?skip=50` is "50", not the number; `?q=true` is "true"): the validators above decide. */
export function parseSearch(search: string): Raw {
  return Object.fromEntries(new URLSearchParams(search));
}

/** Only the parameters that have a value, in their order; none → "". */
export function stringifySearch(search: Raw): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** An API query string from values (undefined and empty dropped), e.g. a list's search plus its page size. */
export const apiQuery = (values: Raw): string => stringifySearch(values).replace(/^\?/, '');
