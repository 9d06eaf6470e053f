import type { components } from './schema';

type S = components['schemas'];

/** The playbook definition as the REST API stores it (docs/playbook-format.md). This DTO is the save format. */
export interface Position { x: number; y: number }

/** A step: common fields plus its type's settings at the same level (unknown settings are kept as they are). */
export interface StepDto {
  id: string;
  type: string;
  name?: string;
  join?: 'any' | 'all';
  position?: Position;
  [setting: string]: unknown;
}

export interface ConnectionDto { from: string; outcome?: string; to: string }

/** The playbook's own fields (everything but steps and connections); unknown fields are kept. */
export interface PlaybookFields {
  $schema?: string;
  id: string;
  name?: string;
  version?: number;
  description?: string;
  start?: string;
  trigger?: { type: string; [setting: string]: unknown };
  enrolment?: { reentry?: 'never' | 'afterExit' | 'always'; holdoutPercent?: number };
  variables?: Record<string, unknown>;
  [other: string]: unknown;
}

export interface PlaybookDefinition extends PlaybookFields {
  steps: StepDto[];
  connections?: ConnectionDto[];
}

/** A JSON schema fragment as /api/step-types returns it. */
export interface JsonSchema {
  type?: string;
  format?: string;
  description?: string;
  examples?: unknown[];
  enum?: string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** A step type's outcomes as the engine declares them (OutcomeRule): the items of a list setting, the fixed ones, one per optional setting given. */
export interface OutcomeRule { fixed: string[]; perItemOf?: string | null; whenSet: { setting: string; outcome: string }[] }
export interface StepTypeInfo { type: string; category: string; description: string; canWait: boolean; settings: JsonSchema; outcomes: OutcomeRule }
export interface TriggerTypeInfo { type: string; description: string; settings: JsonSchema }
export interface StepTypesResponse { steps: StepTypeInfo[]; triggers: TriggerTypeInfo[] }

export type DefinitionProblem = S['ProblemEntry'];

/** The host leaves null members out, so a playbook never saved as a draft has no draftUpdatedAt. */
export type PlaybookSummary = Omit<S['PlaybookSummary'], 'draftUpdatedAt'> & { draftUpdatedAt?: string };

export interface PlaybookDetail {
  id: string; name: string; latestVersion: number; hasDraft: boolean; draftUpdatedAt?: string; updatedAt: string;
  published?: PlaybookDefinition; draft?: PlaybookDefinition;
}

export type VersionSummary = S['VersionSummary'];

export interface VersionDetail { version: number; note?: string; publishedAt: string; publishedBy?: string; definition: PlaybookDefinition }

export type TimelineEntry = S['SimulationStep'];
export type SimulationResult = S['SimulationRun'];

export type RuntimeCounts = S['VersionRuntime'];

export type InstanceSummary = S['InstanceSummary'];

export type InstanceDetail = S['InstanceDetail'];

export type MigrationReport = S['MigrationOutcome'];

/** GET /api/accounts/{id}/health → current (also on the account as `health`). */
export interface HealthIndicator { name: string; weight: number; value: number | null; baseline?: number | null; score: number | null; explanation?: string }
export interface HealthScore { score: number; band: string; periodStart?: string; periodEnd?: string; indicators: HealthIndicator[] }
export interface HealthResponse {
  accountId: string; current?: HealthScore | null; grain?: string; bands?: Record<string, string>; weights?: Record<string, number>;
  history: { periodStart: string; periodEnd: string; score: number; band: string }[];
}

export interface Contact { id?: string; name?: string; email?: string; role?: string; timeZone?: string; [other: string]: unknown }
/** The account document as integrations push it (unknown fields kept). */
export interface Account {
  id: string; name: string; tier?: string; stage?: string; timeZone?: string; touchModel?: string;
  contract?: { start?: string; end?: string; [other: string]: unknown } | null;
  contacts?: Contact[]; health?: HealthScore | null;
  csmId?: string | null; csm?: { id?: string; name?: string; email?: string } | null;
  [other: string]: unknown;
}

/** GET /api/accounts/{id}/timeline: newest first. */
export type AccountTimelineEntry = S['AccountTimelineEntry'];

/** A task; its result form and result are free JSON on the server (docs/tasks.md "Result forms"), narrowed here. */
export type TaskItem = Omit<S['TaskView'], 'form' | 'result'> & { form?: FormField[] | null; result?: Record<string, unknown> | null };

/** One field of a task's result form (docs/tasks.md "Result forms"). */
export interface FormField {
  name: string; type: 'choice' | 'text' | 'number' | 'date' | 'boolean'; label?: string; required?: boolean; options?: string[]; multiple?: boolean;
}

/** GET /api/tasks/workbench: an open task with its account's context. */
export type AccountContext = Omit<S['AccountContext'], 'healthTrend'> & { healthTrend: 'up' | 'down' | 'flat' | 'unknown' };
export interface WorkItem { task: TaskItem; account?: AccountContext | null }
export interface WorkbenchView { total: number; groups: Record<string, WorkItem[]>; snoozed: WorkItem[] }
export type TaskComment = S['CommentView'];

export type EmailSummary = S['EmailSummary'];
export type EmailDetail = S['EmailDetail'];

export interface Page<T> { total: number; items: T[] }

/** GET /api/me: who is signed in (a person, or a key for systems) and what they may do. */
export type Me = Omit<S['Me'], 'kind'> & { kind?: 'user' | 'key' };
