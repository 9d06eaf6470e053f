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

export interface DefinitionProblem { stepId?: string | null; field?: string | null; message: string }

export interface PlaybookSummary {
  id: string; name: string; latestVersion: number; hasDraft: boolean; draftUpdatedAt?: string; updatedAt: string;
  running: { version: number; count: number }[];
}

export interface PlaybookDetail {
  id: string; name: string; latestVersion: number; hasDraft: boolean; draftUpdatedAt?: string; updatedAt: string;
  published?: PlaybookDefinition; draft?: PlaybookDefinition;
}

export interface VersionSummary {
  version: number; note?: string; publishedAt: string; publishedBy?: string; triggerType?: string; instances: Record<string, number>;
}

export interface VersionDetail { version: number; note?: string; publishedAt: string; publishedBy?: string; definition: PlaybookDefinition }

export interface TimelineEntry { at: string; stepId?: string; type: string; summary: string; detail?: unknown }
export interface SimulationResult { playbookId: string; version: number; accountId: string; status: string; waitingAt: unknown[]; timeline: TimelineEntry[] }

export interface RuntimeCounts { id: string; version: number; waiting: Record<string, number>; faulted: Record<string, number> }

export interface InstanceSummary {
  id: string; playbookId: string; version: number; accountId: string; status: string; createdAt: string; updatedAt: string;
  finishedAt?: string; faultedStepId?: string; faultMessage?: string; waitingAt: { stepId: string; dueAt?: string; eventName?: string }[];
}

export interface InstanceDetail extends Omit<InstanceSummary, 'waitingAt'> {
  variables?: Record<string, unknown>;
  bookmarks: { stepId: string; eventName?: string; dueAt?: string }[];
  completedSteps?: string[];
  journal: { at: string; stepId?: string; kind: string; summary: string; detail?: unknown }[];
  incidents: { id: string; kind: string; stepId?: string; message: string; at: string; resolvedAt?: string }[];
  outbox: { id: string; kind: string; stepId?: string; state: string; attempts: number; nextAttemptAt?: string; lastError?: string; sentAt?: string }[];
}

export interface MigrationReport {
  playbookId: string; fromVersion: number; toVersion: number; dryRun: boolean; migratable: number; blocked: number; applied: number;
  instances: { instanceId: string; accountId: string; canMigrate: boolean; applied: boolean; reason?: string; positions: { fromStepId: string; toStepId: string }[] }[];
}

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
export interface AccountTimelineEntry { at: string; type: string; summary: string; source: string; detail?: string | null; instanceId?: string | null }

export interface TaskItem {
  id: string; key: string; source: string; accountId: string; instanceId?: string | null; stepId?: string | null;
  assignee: { role?: string | null; csmId?: string | null }; title: string; description?: string | null; dueAt?: string | null;
  priority?: string; required?: boolean; status: string; overdue: boolean; createdAt: string; completedAt?: string | null; completedBy?: string | null;
  snoozedUntil?: string | null; form?: FormField[] | null; result?: Record<string, unknown> | null;
}

/** One field of a task's result form (docs/tasks.md "Result forms"). */
export interface FormField {
  name: string; type: 'choice' | 'text' | 'number' | 'date' | 'boolean'; label?: string; required?: boolean; options?: string[]; multiple?: boolean;
}

/** GET /api/tasks/workbench: an open task with its account's context. */
export interface AccountContext {
  id: string; name: string; tier?: string | null; stage?: string | null; healthBand?: string | null; healthScore?: number | null;
  healthTrend: 'up' | 'down' | 'flat' | 'unknown'; contractEnd?: string | null; openRequiredTasks: number; lastTouch?: string | null;
}
export interface WorkItem { task: TaskItem; account?: AccountContext | null }
export interface WorkbenchView { total: number; groups: Record<string, WorkItem[]>; snoozed: WorkItem[] }
export interface TaskComment { id: string; author: string; text: string; at: string }

export interface EmailSummary {
  id: string; accountId: string; instanceId?: string | null; stepId?: string | null; contactId?: string | null;
  to: { address: string; name?: string | null }; from?: { address: string; name?: string | null } | null;
  subject?: string | null; template: string; category: string; state: string; reason?: string | null; deferredUntil?: string | null;
  sentAt?: string | null; messageId?: string | null; transport?: string | null; attempts: number; createdAt: string; updatedAt: string;
}
export interface EmailDetail { email: EmailSummary; html?: string | null; text?: string | null; dedupKey?: string; outboxId?: string }

export interface Page<T> { total: number; items: T[] }

/** GET /api/me: who is signed in (a person, or a key for systems) and what they may do. */
export interface Me {
  kind?: 'user' | 'key';
  name: string; role: string; csmId: string | null; csm: { id: string; name: string; email?: string | null } | null;
  can: { design: boolean; ingest: boolean; readTasks: boolean; completeTasks: boolean; reassignTasks?: boolean; manageAccess?: boolean };
}
