import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, put } from './client';
import type { Account, AccountTimelineEntry, EmailSummary, HealthIndicator, HealthScore, InstanceSummary, Page, TaskItem } from './types';

/** GET /api/accounts/{id}/health: one health record per period of the grain, newest first. */
export interface HealthPeriod { periodStart: string; periodEnd: string; score: number; band: string; indicators: HealthIndicator[] }
export interface HealthBands { yellowFrom: number; greenFrom: number; red: string; yellow: string; green: string }
export interface HealthView {
  accountId: string; current?: HealthScore | null; grain: string; trend: HealthTrend; bands: HealthBands;
  weights: Record<string, number>; history: HealthPeriod[];
}
export type HealthTrend = 'up' | 'down' | 'flat' | 'unknown';

/** GET /api/accounts/{id}/usage: daily facts, oldest first. */
export interface UsageDay { date: string; activeUsers: number; materialInput: number; contentOutput: number; featuresUsed: string[]; apiCalls: number }
export interface UsageSeries { accountId: string; from?: string | null; to?: string | null; days: UsageDay[] }

/** GET/PUT /api/accounts/{id}/success-criteria (docs/api.md). */
export interface SuccessCriterion {
  id?: string | null; metric?: string | null; unit?: string | null; baseline?: number | null; current?: number | null; target?: number | null;
  due?: string | null; agreedBy?: string | null; agreedAt?: string | null; note?: string | null;
  /** Share of the gap from baseline to target closed, 0–100 (server-computed). */
  progress?: number | null; changedBy?: string | null; changedAt?: string | null;
}
/** `version`: sent back with a PUT; criteria changed by someone else since are refused with 409. */
export interface SuccessCriteriaView { accountId: string; criteria: SuccessCriterion[]; version?: string }
/** What a PUT sends for one criterion (the server stamps who changed it and when). */
export type CriterionInput = Pick<SuccessCriterion, 'id' | 'metric' | 'unit' | 'baseline' | 'current' | 'target' | 'due' | 'agreedBy' | 'agreedAt' | 'note'>;

const enc = encodeURIComponent;
const keys = {
  account: (id: string) => ['account', id] as const,
  part: (id: string, part: string) => ['account', id, part] as const,
};

export const useAccount = (id: string) => useQuery({ queryKey: keys.account(id), queryFn: () => get<Account>(`/api/accounts/${enc(id)}`) });

export const useAccountHealth = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'health'), queryFn: () => get<HealthView>(`/api/accounts/${enc(id)}/health?periods=26`) });

export const useAccountUsage = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'usage'), queryFn: () => get<UsageSeries>(`/api/accounts/${enc(id)}/usage`) });

export const useSuccessCriteria = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'success-criteria'), queryFn: () => get<SuccessCriteriaView>(`/api/accounts/${enc(id)}/success-criteria`) });

export const useOpenTasks = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'tasks'), queryFn: () => get<Page<TaskItem>>(`/api/tasks?account=${enc(id)}&status=open&take=50`) });

export const useAccountEmails = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'emails'), queryFn: () => get<Page<EmailSummary>>(`/api/emails?accountId=${enc(id)}&take=50`) });

export const useAccountInstances = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'instances'), queryFn: () => get<Page<InstanceSummary>>(`/api/instances?accountId=${enc(id)}&take=200`) });

export const useAccountTimeline = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'timeline'), queryFn: () => get<AccountTimelineEntry[]>(`/api/accounts/${enc(id)}/timeline?take=200`) });

/** Replaces the criteria; on success the criteria, the account and its timeline are read again. */
export function useSaveSuccessCriteria(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (criteria: CriterionInput[]) => put<SuccessCriteriaView>(`/api/accounts/${enc(id)}/success-criteria`,
      { criteria, version: client.getQueryData<SuccessCriteriaView>(keys.part(id, 'success-criteria'))?.version }),
    onSuccess: (saved) => {
      client.setQueryData(keys.part(id, 'success-criteria'), saved);
      void client.invalidateQueries({ queryKey: keys.account(id) });
    },
  });
}
