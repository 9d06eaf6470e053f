import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from './client';
import type { components } from './schema';
import type { Account, HealthScore, Page, TaskItem } from './types';

type S = components['schemas'];

/** GET /api/accounts/{id}/health: one health record per period of the grain, newest first. */
export type HealthPeriod = S['HealthPeriod'];
export type HealthBands = S['HealthBands'];
/** The current score is the account document's `health` (free JSON on the server), narrowed here. */
export type HealthView = Omit<S['HealthView'], 'current' | 'trend'> & { current?: HealthScore | null; trend: HealthTrend };
export type HealthTrend = 'up' | 'down' | 'flat' | 'unknown';

/** GET /api/accounts/{id}/usage: daily facts, oldest first. */
export type UsageDay = S['UsageDay'];
export type UsageSeries = S['UsageSeries'];

/** GET/PUT /api/accounts/{id}/success-criteria (docs/api.md); `progress` is the share of the gap closed, 0–100 (server-computed). */
export type SuccessCriterion = S['SuccessCriterionView'];
/** `version`: sent back with a PUT; criteria changed by someone else since are refused with 409. */
export type SuccessCriteriaView = S['SuccessCriteriaView'];
/** What a PUT sends for one criterion (the server stamps who changed it and when). */
export type CriterionInput = Pick<SuccessCriterion, 'id' | 'metric' | 'unit' | 'baseline' | 'current' | 'target' | 'due' | 'agreedBy' | 'agreedAt' | 'note'>;

const keys = {
  account: (id: string) => ['account', id] as const,
  part: (id: string, part: string) => ['account', id, part] as const,
};

const path = (id: string) => ({ path: { id } });

/** The account document is free JSON on the server (docs/api.md "Accounts"); the designer reads the fields it knows. */
export const useAccount = (id: string) =>
  useQuery({ queryKey: keys.account(id), queryFn: async () => (await data(client.GET('/api/accounts/{id}', { params: path(id) }))) as Account });

export const useAccountHealth = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'health'), queryFn: async () =>
    (await data(client.GET('/api/accounts/{id}/health', { params: { ...path(id), query: { periods: 26 } } }))) as HealthView });

export const useAccountUsage = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'usage'), queryFn: () => data(client.GET('/api/accounts/{id}/usage', { params: path(id) })) });

export const useSuccessCriteria = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'success-criteria'), queryFn: () => data(client.GET('/api/accounts/{id}/success-criteria', { params: path(id) })) });

export const useOpenTasks = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'tasks'), queryFn: async () =>
    (await data(client.GET('/api/tasks', { params: { query: { account: id, status: 'open', take: 50 } } }))) as Page<TaskItem> });

export const useAccountEmails = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'emails'), queryFn: () => data(client.GET('/api/emails', { params: { query: { accountId: id, take: 50 } } })) });

export const useAccountInstances = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'instances'), queryFn: () => data(client.GET('/api/instances', { params: { query: { accountId: id, take: 200 } } })) });

export const useAccountTimeline = (id: string) =>
  useQuery({ queryKey: keys.part(id, 'timeline'), queryFn: () => data(client.GET('/api/accounts/{id}/timeline', { params: { ...path(id), query: { take: 200 } } })) });

/** Replaces the criteria; on success the criteria, the account and its timeline are read again. */
export function useSaveSuccessCriteria(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // The editor sends what was typed; the server checks each field and answers 400 naming it.
    mutationFn: (criteria: CriterionInput[]) => {
      const version = queryClient.getQueryData<SuccessCriteriaView>(keys.part(id, 'success-criteria'))?.version;
      return data(client.PUT('/api/accounts/{id}/success-criteria', { params: path(id), body: { criteria, version } as S['SuccessCriteriaBody'] }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.part(id, 'success-criteria'), saved);
      void queryClient.invalidateQueries({ queryKey: keys.account(id) });
    },
  });
}
