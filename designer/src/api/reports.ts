import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { components } from './schema';

type S = components['schemas'];

/** The report shapes of GET /api/reports/… (docs/reports.md), as the host's OpenAPI document declares them. */
export type BandCounts = S['BandCounts'];
export type HealthReport = S['HealthReport'];
export type HealthPeriod = S['HealthTrendPeriod'];
export type HealthTrendReport = S['HealthTrendReport'];
/** GET /api/reports/nps: answers per category and NPS (promoters % − detractors %, null without answers), per month in total and per tier. */
export type NpsCounts = S['NpsCounts'];
export type NpsReport = S['NpsReport'];
export type AtRiskReport = S['AtRiskReport'];
export type CauseCount = S['CauseCount'];
export type ReasonsReport = S['ReasonsReport'];
export type ExpansionReport = S['ExpansionReport'];
export type StepReach = S['StepReach'];
export type VersionFunnel = S['VersionFunnel'];
export type FunnelReport = S['FunnelReport'];
export type GroupOutcome = S['GroupOutcome'];
export type HoldoutReport = S['HoldoutReport'];
export type CsmLoadRow = S['CsmLoadRow'];
export type CsmLoadReport = S['CsmLoadReport'];
export type FilterChoice = S['FilterChoice'];
export type FilterChoices = S['FilterChoices'];

/** A report, cached by TanStack Query under its path (the path carries the filters, built by the dashboard). */
export function useReport<T>(path: string | null) {
  return useQuery({ queryKey: ['reports', path], queryFn: () => get<T>(path!), enabled: path !== null });
}

/** What a failed report says to the reader: the API's advice (what happened, what to do). */
export { adviceOf as reportError } from './client';
