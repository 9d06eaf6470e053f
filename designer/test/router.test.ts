import { describe, expect, it } from 'vitest';
import { parseAuthPage, parseRoute } from '../src/router';

describe('sign-in pages', () => {
  it('are read from the paths the host links to', () => {
    expect(parseAuthPage('/setup', '?token=abc', '')).toEqual({ page: 'setup', token: 'abc' });
    expect(parseAuthPage('/invite', '?token=x_y-z', '')).toEqual({ page: 'invite', token: 'x_y-z' });
    expect(parseAuthPage('/reset-password/', '?token=t', '')).toEqual({ page: 'reset-password', token: 't' });
    expect(parseAuthPage('/signin', '?error=no-role', '')).toEqual({ page: 'signin', error: 'no-role' });
    expect(parseAuthPage('/signin', '', '')).toEqual({ page: 'signin' });
    expect(parseAuthPage('/signin', '?next=%2Fkeys', '')).toEqual({ page: 'signin', next: '/keys' });
    expect(parseAuthPage('/signin', '?next=https%3A%2F%2Fevil.example', '')).toEqual({ page: 'signin' });
    expect(parseAuthPage('/setup', '', '')).toEqual({ page: 'setup', token: '' });
  });
  it('leave the app screens alone', () => {
    expect(parseAuthPage('/', '', '#/users')).toBeNull();
    expect(parseAuthPage('/', '', '#/forgot-password')).toEqual({ page: 'forgot-password' });
  });
});

describe('app screens', () => {
  it('include users, keys and the password change', () => {
    expect(parseRoute('#/users')).toEqual({ screen: 'users' });
    expect(parseRoute('#/keys')).toEqual({ screen: 'keys' });
    expect(parseRoute('#/password')).toEqual({ screen: 'password' });
  });

  it('include the CRM sync screen', () => {
    expect(parseRoute('#/crm')).toEqual({ screen: 'crm' });
  });

  it('include the dashboard with its filters as a deep link', () => {
    expect(parseRoute('#/dashboard')).toEqual({ screen: 'dashboard', params: {} });
    expect(parseRoute('#/dashboard?tier=KA&industry=real%20estate&tag=emea')).toEqual({ screen: 'dashboard', params: { tier: 'KA', industry: 'real estate', tag: 'emea' } });
  });
});

describe('playbook tabs', () => {
  it('include the forecast', () => {
    expect(parseRoute('#/p/win-back/forecast')).toEqual({ screen: 'editor', id: 'win-back', tab: 'forecast' });
    expect(parseRoute('#/p/win-back/simulate')).toEqual({ screen: 'editor', id: 'win-back', tab: 'simulate' });
    expect(parseRoute('#/p/win-back/nonsense')).toEqual({ screen: 'editor', id: 'win-back', tab: 'design' });
  });
});
