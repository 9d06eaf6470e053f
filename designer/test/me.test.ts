import { describe, expect, it } from 'vitest';
import { completeBlockedReason, inboxHeading, signedInText } from '../src/model/me';

const can = (completeTasks: boolean) => ({ design: false, ingest: false, readTasks: true, completeTasks, reassignTasks: false, manageAccess: false });

describe('who is signed in', () => {
  it('names the key and its role', () => {
    expect(signedInText({ name: 'e2e', role: 'ops', csm: null })).toBe('Signed in as e2e · ops');
    expect(signedInText({ name: 'dana key', role: 'csm', csm: { id: 'dana', name: 'Dana Reyes' } })).toBe('Signed in as dana key (Dana Reyes) · csm');
    expect(signedInText({ name: 'Dana Reyes', role: 'csm', csm: { id: 'dana', name: 'Dana Reyes' } })).toBe('Signed in as Dana Reyes · csm');
  });
});

describe('task inbox heading', () => {
  it('names the CSM whose inbox a CSM key sees', () => {
    expect(inboxHeading({ role: 'csm', csmId: 'dana', csm: { id: 'dana', name: 'Dana Reyes' } })).toBe('Tasks for Dana Reyes (CSM)');
    expect(inboxHeading({ role: 'csm', csmId: 'dana', csm: null })).toBe('Tasks for dana (CSM)');
    expect(inboxHeading({ role: 'csm', csmId: null, csm: null })).toBe('My tasks');
  });
  it('says ops and viewers see every task', () => {
    expect(inboxHeading({ role: 'ops', csmId: null, csm: null })).toBe('All tasks (ops view)');
    expect(inboxHeading({ role: 'viewer', csmId: null, csm: null })).toBe('All tasks (viewer, read-only)');
    expect(inboxHeading(undefined)).toBe('My tasks');
  });
});

describe('completing tasks', () => {
  it('is allowed without a reason when the key may complete', () => {
    expect(completeBlockedReason({ role: 'ops', csmId: null, can: can(true) })).toBeUndefined();
    expect(completeBlockedReason({ role: 'csm', csmId: 'dana', can: can(true) })).toBeUndefined();
  });
  it('says why a viewer or a CSM key without CsmId cannot', () => {
    expect(completeBlockedReason({ role: 'viewer', csmId: null, can: can(false) })).toMatch(/viewer role: it can read every task but not complete/);
    expect(completeBlockedReason({ role: 'csm', csmId: null, can: can(false) })).toMatch(/no CsmId/);
  });
});

describe('completing tasks, signed in as a person', () => {
  it('speaks of the account and says whom to ask', () => {
    expect(completeBlockedReason({ kind: 'user', role: 'viewer', csmId: null, can: can(false) })).toMatch(/^Your account has the viewer role: it can read every task but not complete one\. Ask an ops user/);
    expect(completeBlockedReason({ kind: 'user', role: 'csm', csmId: null, can: can(false) })).toMatch(/linked to no CSM.*Users screen/);
    expect(completeBlockedReason({ kind: 'user', role: 'csm', csmId: 'dana', can: can(true) })).toBeUndefined();
  });
});
