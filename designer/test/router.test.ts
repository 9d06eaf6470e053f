import { createMemoryHistory } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { parseAuthPage } from '../src/routes/authPages';
import {
  accountsSearch, apiQuery, dashboardSearch, emailsSearch, newPlaybookSearch, parseSearch, runtimeSearch, stringifySearch, tasksSearch,
} from '../src/routes/search';
import { createAppRouter } from '../src/routes/tree';

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

describe('search parameters', () => {
  it('are read as text, whatever they look like', () => {
    expect(parseSearch('?skip=50&q=true&csmId=123&name=Win%20back')).toEqual({ skip: '50', q: 'true', csmId: '123', name: 'Win back' });
    expect(stringifySearch({ tier: 'KA', q: undefined, skip: 50, empty: '' })).toBe('?tier=KA&skip=50');
    expect(stringifySearch({})).toBe('');
    expect(apiQuery({ sort: 'name', q: 'a&b', take: 50 })).toBe('sort=name&q=a%26b&take=50');
  });

  it('keep the accounts list’s filters, sort and page', () => {
    expect(accountsSearch(parseSearch('?q=acme&tier=KA&healthBand=red&sort=-healthScore&skip=50')))
      .toEqual({ q: 'acme', tier: 'KA', healthBand: 'red', sort: '-healthScore', skip: 50 });
    expect(accountsSearch(parseSearch('?stage=renewal&industry=retail&csmId=dana')))
      .toEqual({ stage: 'renewal', industry: 'retail', csmId: 'dana' });
    expect(accountsSearch(parseSearch('?stage=asleep')).stage).toBeUndefined();
  });

  it('drop bad values instead of failing the screen', () => {
    expect(accountsSearch(parseSearch('?q=%20%20&tier=gold&healthBand=purple&sort=drop%20table&skip=-5&other=1'))).toEqual({});
    expect(accountsSearch(parseSearch('?skip=1e3&tier=KA'))).toEqual({ tier: 'KA' });
    expect(accountsSearch(parseSearch('?skip=0'))).toEqual({});
    expect(accountsSearch({ tier: ['KA'], q: { a: 1 }, skip: 5.5 })).toEqual({});
    // navigate() hands numbers over as numbers: a page number must survive it (Next, Last).
    expect(accountsSearch({ skip: 99950 })).toEqual({ skip: 99950 });
    expect(accountsSearch({ skip: -50 })).toEqual({});
    expect(tasksSearch(parseSearch('?show=everything'))).toEqual({});
    expect(tasksSearch(parseSearch('?show=open'))).toEqual({});
    expect(tasksSearch(parseSearch('?show=overdue'))).toEqual({ show: 'overdue' });
    expect(emailsSearch(parseSearch('?state=lost&q=invoice&skip=abc'))).toEqual({ q: 'invoice' });
    expect(runtimeSearch(parseSearch('?version=0&status=sleeping&instance=i-1&step=wait'))).toEqual({ instance: 'i-1', step: 'wait' });
    expect(runtimeSearch(parseSearch('?version=3&status=any'))).toEqual({ version: 3, status: 'any' });
    expect(newPlaybookSearch(parseSearch('?name='))).toEqual({});
    expect(dashboardSearch(parseSearch('?tag=emea&tier=KA&csmId=&bogus=1'))).toEqual({ tier: 'KA', tag: 'emea' });
  });
});

const routerAt = (href: string) => createAppRouter(createMemoryHistory({ initialEntries: [href] }));
/** The routes the address matches, root first (what the designer renders for the hash). */
function matchesOf(href: string) {
  const router = routerAt(href);
  return router.matchRoutes(router.latestLocation);
}
const leaf = (href: string) => matchesOf(href).at(-1)!;

describe('routes', () => {
  it('open every screen at its address', () => {
    const screens: [string, string][] = [
      ['/', '/'], ['/new/win-back?name=Win%20back', '/new/$id'], ['/p/win-back', '/p/$id/'], ['/p/win-back/history', '/p/$id/history'],
      ['/p/win-back/simulate', '/p/$id/simulate'], ['/p/win-back/forecast', '/p/$id/forecast'], ['/p/win-back/runtime?instance=i-1', '/p/$id/runtime'],
      ['/accounts', '/accounts'], ['/accounts/acme%2F1', '/accounts/$id'], ['/tasks', '/tasks'], ['/emails', '/emails/'], ['/emails/e-1', '/emails/$id'],
      ['/users', '/users'], ['/keys', '/keys'], ['/crm', '/crm'], ['/password', '/password'], ['/dashboard?tier=KA', '/dashboard'],
    ];
    for (const [href, routeId] of screens) expect(leaf(href).routeId, href).toBe(routeId);
  });

  it('give typed params and validated search', () => {
    const account = leaf('/accounts/acme%2F1');
    expect(account.params).toEqual({ id: 'acme/1' });
    const runtime = leaf('/p/win-back/runtime?instance=i-1&status=nonsense');
    expect(runtime.params).toEqual({ id: 'win-back' });
    expect(runtime.search).toEqual({ instance: 'i-1' });
    expect(leaf('/accounts?tier=gold&q=acme').search).toEqual({ q: 'acme' });
    expect(runtime.staticData).toEqual({ tab: 'runtime' });
    expect(leaf('/new/pb?name=Win%20back').search).toEqual({ name: 'Win back' });
  });

  it('say an unknown address is not found', () => {
    for (const href of ['/nowhere', '/accounts/acme/extra', '/settings?tab=1']) {
      // The match whose outlet shows the not-found page (what the designer renders for it).
      expect(matchesOf(href).find((m) => (m as { _notFound?: boolean })._notFound)?.routeId, href).toBe('__root__');
    }
  });

  it('build the addresses links point at', () => {
    const router = routerAt('/');
    expect(router.buildLocation({ to: '/accounts', search: { tier: 'KA', healthBand: 'red', skip: 50 } }).href).toBe('/accounts?tier=KA&healthBand=red&skip=50');
    expect(router.buildLocation({ to: '/accounts/$id', params: { id: 'acme/1' } }).href).toBe('/accounts/acme%2F1');
    expect(router.buildLocation({ to: '/p/$id/runtime', params: { id: 'win-back' }, search: { instance: 'i-1' } }).href).toBe('/p/win-back/runtime?instance=i-1');
    expect(router.buildLocation({ to: '/new/$id', params: { id: 'pb' }, search: { name: 'Win back' } }).href).toBe('/new/pb?name=Win+back');
    expect(router.buildLocation({ to: '/dashboard', search: { tier: 'KA', tag: 'emea', playbook: 'win-back' } }).href).toBe('/dashboard?tier=KA&tag=emea&playbook=win-back');
    expect(router.buildLocation({ to: '/tasks', search: {} }).href).toBe('/tasks');
  });
});
