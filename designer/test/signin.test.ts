import { describe, expect, it } from 'vitest';
import { expiryFor, loginRefusal, singleSignOnError, userState } from '../src/model/signin';
import { forbiddenAdvice, requiredRoleFor } from '../src/model/access';

describe('single sign-on errors', () => {
  it('says what to do for each code the host sends', () => {
    expect(singleSignOnError('no-role', 'Microsoft')).toMatch(/^Signed in with Microsoft, but none of your groups gives you a role.*Auth:Oidc:Roles/);
    expect(singleSignOnError('deactivated')).toMatch(/deactivated\. Ask an ops user/);
    expect(singleSignOnError('no-email')).toMatch(/email claim/);
    expect(singleSignOnError('sign-in-failed')).toMatch(/Try again, or sign in with a password/);
    expect(singleSignOnError('anything-else')).toBe(singleSignOnError('sign-in-failed'));
  });
});

describe('refused password sign-in', () => {
  it('tells a locked-out person how to get in again', () => {
    expect(loginRefusal('locked-out', '2026-12-05T10:00:00Z')).toMatch(/locked until .*Forgot your password/);
    expect(loginRefusal('locked-out')).toMatch(/locked for a while/);
    expect(loginRefusal('deactivated')).toMatch(/deactivated/);
    expect(loginRefusal('invalid')).toMatch(/email or password is wrong/);
  });
});

describe('user state', () => {
  const base = { active: true, hasPassword: true, lockedOut: false, signInWith: [] as string[] };
  it('shows an invitation without a password or sign-in provider as pending', () => {
    expect(userState({ ...base, hasPassword: false })).toBe('invitation pending');
    expect(userState({ ...base, hasPassword: false, signInWith: ['oidc'] })).toBe('active');
    expect(userState({ ...base, active: false, hasPassword: false })).toBe('deactivated');
    expect(userState({ ...base, lockedOut: true })).toBe('locked out');
    expect(userState(base)).toBe('active');
  });
});

describe('key expiry', () => {
  const now = new Date('2026-12-05T06:00:00Z');
  it('is absent for never, days from now, or the end of a future day', () => {
    expect(expiryFor('never', '', now)).toBeUndefined();
    expect(expiryFor('30', '', now)).toBe('2027-01-04T06:00:00.000Z');
    expect(expiryFor('date', '2027-03-01', now)).toBe('2027-03-01T23:59:59.000Z');
  });
  it('is null for a missing or past date', () => {
    expect(expiryFor('date', '', now)).toBeNull();
    expect(expiryFor('date', '2026-12-04', now)).toBeNull();
  });
});

describe('the role a call needs', () => {
  it('names the role from the endpoint group', () => {
    expect(requiredRoleFor('POST', '/api/playbooks/x/publish')).toBe('ops');
    expect(requiredRoleFor('POST', '/api/tasks/1/complete')).toBe('csm (their own tasks), cs-lead or ops');
    expect(requiredRoleFor('POST', '/api/tasks/1/reassign')).toBe('cs-lead or ops');
    expect(requiredRoleFor('GET', '/api/users')).toBe('ops');
    expect(requiredRoleFor('PUT', '/api/accounts/a')).toBe('ops (or an integration key)');
    expect(requiredRoleFor('DELETE', '/api/accounts/a')).toBe('ops');
  });
  it('says whose role fell short', () => {
    expect(forbiddenAdvice('PUT', '/api/playbooks/x/draft', 'viewer')).toBe('Your role (viewer) may not do this: it needs the ops role. Ask an ops user to change your role if you need it.');
  });
});
