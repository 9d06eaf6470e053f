import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from './apiError';
import { client, data } from './client';
import type { components } from './schema';

/** Which accounts a forecast covers (POST /api/playbooks/{id}/forecast `filter`); empty fields are left out. */
export interface ForecastFilter { tier?: string; stage?: string; industry?: string; csmId?: string; tag?: string }

export interface ForecastRequest {
  /** "draft", a version number, or absent: the draft if there is one, else the latest version. */
  version?: 'draft' | number;
  weeks: number;
  filter?: ForecastFilter;
  taskCapacityPerWeek?: number;
}

export interface EmailCounts { sent: number; deferred: number; suppressed: number }

/** One week (or the totals) of a forecast with one set of playbook versions. */
export interface ForecastCounts {
  enrolments: Record<string, number>;
  /** Per template, after governance. */
  emails: Record<string, EmailCounts>;
  emailsSent: number;
  tasks: number;
  tasksByRole: Record<string, number>;
  tasksByCsm: Record<string, number>;
  notifications: Record<string, number>;
}

export interface ForecastDifference { enrolments: number; emailsSent: number; emailsDeferred: number; emailsSuppressed: number; tasks: number }

export interface ForecastWeek { week: number; from: string; to: string; candidate: ForecastCounts; published: ForecastCounts; difference: ForecastDifference }

export interface OverloadedCsm { csmId: string; name: string; weeks: number[]; peak: number }

/** The report of a completed forecast (docs/simulation.md "Forecast"). `candidate` is the draft (or chosen version). */
export interface ForecastResult {
  playbookId: string; start: string; weeks: number; accounts: number; taskCapacityPerWeek: number;
  weekly: ForecastWeek[];
  totals: { candidate: ForecastCounts; published: ForecastCounts; difference: ForecastDifference };
  overloaded: OverloadedCsm[];
  summary: string;
}

export type ForecastState = 'running' | 'completed' | 'cancelled' | 'failed';

/** GET /api/forecasts/{id}; the host declares the report as free JSON and the state as text, narrowed here. */
export type ForecastJob = Omit<components['schemas']['ForecastJobView'], 'state' | 'result'> & { state: ForecastState; result?: ForecastResult | null };
const job = async (call: Promise<{ data?: unknown }>) => (await data(call)) as ForecastJob;

/** The last forecast started for a playbook in this browser, so the publish dialog can reuse a fresh one. */
export interface LatestForecast { jobId: string; startedAt: number; wholeBook: boolean; weeks: number }

const jobKey = (jobId: string) => ['forecast', jobId] as const;
const latestKey = (playbookId: string) => ['forecast-latest', playbookId] as const;
const POLL_MS = 400;

/** A forecast job, polled while it runs; nothing while `jobId` is null. */
export function useForecastJob(jobId: string | null) {
  return useQuery({
    queryKey: jobKey(jobId ?? ''),
    queryFn: () => job(client.GET('/api/forecasts/{jobId}', { params: { path: { jobId: jobId! } } })),
    enabled: jobId !== null,
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  });
}

/** Starts a forecast; the 202's body is the job's first state, and the job becomes the playbook's latest. */
export function useStartForecast(playbookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ForecastRequest) => job(client.POST('/api/playbooks/{id}/forecast', { params: { path: { id: playbookId } }, body: request })),
    onSuccess: (job, request) => {
      queryClient.setQueryData(jobKey(job.id), job);
      const wholeBook = !request.filter || Object.values(request.filter).every((v) => !v);
      queryClient.setQueryData<LatestForecast>(latestKey(playbookId), { jobId: job.id, startedAt: Date.now(), wholeBook, weeks: request.weeks });
    },
  });
}

/**
 * Asks the host to stop a forecast; true when it stopped it. A job that finished before the request arrived (409)
 * is not an error to show: the refreshed job shows how it ended.
 */
export async function cancelForecast(jobId: string): Promise<boolean> {
  try {
    await job(client.DELETE('/api/forecasts/{jobId}', { params: { path: { jobId } } }));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return false;
    throw error;
  }
}

export function useCancelForecast() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelForecast,
    onSettled: (_result, _error, jobId) => { void queryClient.invalidateQueries({ queryKey: jobKey(jobId) }); },
  });
}

export function latestForecast(queryClient: QueryClient, playbookId: string): LatestForecast | undefined {
  return queryClient.getQueryData<LatestForecast>(latestKey(playbookId));
}

/** The job the publish dialog can show instead of starting one: fresh (see isFresh) and neither cancelled nor failed. */
export function reusableForecast(queryClient: QueryClient, playbookId: string, draftUpdatedAt: string | undefined, now: number): string | null {
  const latest = latestForecast(queryClient, playbookId);
  if (!isFresh(latest, draftUpdatedAt, now)) return null;
  const state = queryClient.getQueryData<ForecastJob>(jobKey(latest.jobId))?.state;
  return state === 'running' || state === 'completed' ? latest.jobId : null;
}

/** A cancelled job is no one's latest forecast. */
export function forgetLatestForecast(queryClient: QueryClient, playbookId: string): void {
  queryClient.removeQueries({ queryKey: latestKey(playbookId) });
}

/** Only the filter fields that are set (the API takes absent fields as "any"). */
export function filterOf(fields: ForecastFilter): ForecastFilter | undefined {
  const set = Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => [k, v!.trim()]);
  return set.length ? Object.fromEntries(set) : undefined;
}

/** The span the publish dialog forecasts. */
export const PUBLISH_FORECAST_WEEKS = 13;
/** A forecast of the whole book started this long ago (and after the draft was last saved) is reused by the publish dialog. */
const FRESH_MS = 10 * 60_000;

/** Whether an earlier forecast answers the publish dialog's question: the whole book, 13 weeks, recent, of the draft as saved now. */
export function isFresh(latest: LatestForecast | undefined, draftUpdatedAt: string | undefined, now: number): latest is LatestForecast {
  return !!latest && latest.wholeBook && latest.weeks === PUBLISH_FORECAST_WEEKS && now - latest.startedAt < FRESH_MS
    && (!draftUpdatedAt || Date.parse(draftUpdatedAt) < latest.startedAt);
}
