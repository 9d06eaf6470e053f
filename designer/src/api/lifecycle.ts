/** POST /api/simulations/lifecycle (docs/simulation.md "Whole lifecycle"). */
export interface LifecyclePlaybookChoice { id: string; version: 'draft' | number }

export interface LifecycleEntry {
  at: string; playbook?: string | null; enrolment?: number | null; stepId?: string | null; type: string; summary: string; detail?: unknown;
}

export interface LifecycleResult {
  accountId: string; start: string; until: string;
  playbooks: { id: string; version: number; trigger: string }[];
  enrolments: { playbook: string; version: number; number: number; at: string; source: string; holdout: boolean; status: string }[];
  timeline: LifecycleEntry[];
  account?: unknown;
}
