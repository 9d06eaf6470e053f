import { get, post } from './client';
import type { Page } from './types';

/** A CRM sync run as GET /api/crm/sync-runs lists it (docs/crm.md). */
export interface CrmSyncRun {
  id: string;
  connector: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'deferred';
  requestedBy: string;
  full: boolean;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  error: string | null;
}

/** A record the sync did not apply, and why (a company without a mapped tier, a contact without a company…). */
export interface CrmSkippedRecord { type: 'companies' | 'contacts' | 'deals'; id: string; reason: string }

export interface CrmSyncReport extends CrmSyncRun { skippedRecords: CrmSkippedRecord[] }

export const crmKeys = {
  runs: ['crm', 'sync-runs'] as const,
  run: (id: string) => ['crm', 'sync-runs', id] as const,
};

export const listSyncRuns = (take = 20) => get<Page<CrmSyncRun>>(`/api/crm/sync-runs?take=${take}`);
export const getSyncRun = (id: string) => get<CrmSyncReport>(`/api/crm/sync-runs/${encodeURIComponent(id)}`);
export const startSync = (full = false) => post<CrmSyncRun>('/api/crm/sync', { full });

export const isActive = (run: Pick<CrmSyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';
