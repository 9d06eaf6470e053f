import { client, data } from './client';
import type { components } from './schema';
import type { Page } from './types';

/** A CRM sync run as GET /api/crm/sync-runs lists it (docs/crm.md); the host declares the status as text, these are its values. */
export type CrmSyncRun = Omit<components['schemas']['CrmSyncRunView'], 'status'> & { status: 'queued' | 'running' | 'completed' | 'failed' | 'deferred' };

/** A record the sync did not apply, and why (a company without a mapped tier, a contact without a company…). */
export interface CrmSkippedRecord { type: 'companies' | 'contacts' | 'deals'; id: string; reason: string }

export interface CrmSyncReport extends CrmSyncRun { skippedRecords: CrmSkippedRecord[] }

export const crmKeys = {
  runs: ['crm', 'sync-runs'] as const,
  run: (id: string) => ['crm', 'sync-runs', id] as const,
};

export const listSyncRuns = async (take = 20) => (await data(client.GET('/api/crm/sync-runs', { params: { query: { take } } }))) as Page<CrmSyncRun>;
export const getSyncRun = async (id: string) => (await data(client.GET('/api/crm/sync-runs/{id}', { params: { path: { id } } }))) as CrmSyncReport;
export const startSync = async (full = false) => (await data(client.POST('/api/crm/sync', { body: { full } }))) as CrmSyncRun;

export const isActive = (run: Pick<CrmSyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';
