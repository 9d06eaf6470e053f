import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from './client';

/** The report shapes of GET /api/reports/… (docs/reports.md). */
export interface BandCounts { total: number; red: number; yellow: number; green: number; unscored: number }
export interface HealthReport extends BandCounts { byTier: Record<string, BandCounts> }
export interface HealthPeriod { periodStart: string; red: number; yellow: number; green: number; averageScore: number | null }
export interface HealthTrendReport { periods: HealthPeriod[] }
/** GET /api/reports/nps: answers per category and NPS (promoters % − detractors %, null without answers), per month in total and per tier. */
export interface NpsCounts { responses: number; promoters: number; passives: number; detractors: number; nps: number | null }
export interface NpsReport { all: NpsCounts; months: { month: string; all: NpsCounts; byTier: Record<string, NpsCounts> }[] }
export interface AtRiskReport { count: number; accounts: string[]; trend: { weekStart: string; count: number }[] }
export interface CauseCount { kind: string; cause: string; count: number }
export interface ReasonsReport { by: string; total: number; causes: CauseCount[]; periods: { period: string; totals: Record<string, number>; causes: CauseCount[] }[] }
export interface ExpansionReport { count: number; accounts: number; byKind: Record<string, number>; byMonth: { period: string; count: number; byKind: Record<string, number> }[] }
export interface StepReach { stepId: string; instances: number }
export interface VersionFunnel { version: number; entered: number; running: number; completed: number; cancelled: number; faulted: number; holdout: number; steps: StepReach[] }
export interface FunnelReport { playbookId: string; entered: number; running: number; completed: number; cancelled: number; faulted: number; versions: VersionFunnel[] }
export interface GroupOutcome { accounts: number; renewed: number; notRenewed: number; renewalRate: number | null; scored: number; averageHealth: number | null }
export interface HoldoutReport { playbookId: string; holdoutPercent: number; holdout: GroupOutcome; treated: GroupOutcome }
export interface CsmLoadRow { csmId: string; name: string; touchModel: string; capacity: number; load: number; utilisation: number }
export interface CsmLoadReport { accounts: number; capacity: number; csms: CsmLoadRow[] }
export interface FilterChoice { value: string; accounts: number }
export interface FilterChoices { industries: FilterChoice[]; tags: FilterChoice[] }

/** A report, cached by TanStack Query under its path (the path carries the filters). */
export function useReport<T>(path: string | null) {
  return useQuery({ queryKey: ['reports', path], queryFn: () => get<T>(path!), enabled: path !== null });
}

/** What a failed report says to the reader: the API's advice (what happened, what to do). */
export const reportError = (error: unknown) => (error instanceof ApiError ? error.advice : String(error));
