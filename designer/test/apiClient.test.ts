import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The typed client's middleware against a scripted fetch: the antiforgery header on changes (and one retry after a
// refused token), ApiError from problem details, auth listeners, and "no connection".
type Handler = (request: Request) => Response | Promise<Response>;
let handle: Handler = () => new Response(null, { status: 500 });
const seen: Request[] = [];
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let api: typeof import('../src/api/client');

beforeAll(async () => {
  vi.stubGlobal('location', { origin: 'http://designer.test' });
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request.clone());
    return handle(request);
  });
  api = await import('../src/api/client');
});
afterAll(() => { vi.unstubAllGlobals(); });

const path = (r: Request) => new URL(r.url).pathname;

describe('the API client', () => {
  it('sends changes with the antiforgery token, and once more with a new token when the server refuses it', async () => {
    let tokens = 0;
    let refused = false;
    handle = (request) => {
      if (path(request) === '/api/auth/antiforgery') return json(200, { token: `t${++tokens}`, headerName: 'X-CSRF-TOKEN' });
      if (request.headers.get('X-CSRF-TOKEN') === 't1') {
        refused = true;
        return json(400, { title: 'Bad antiforgery token', errors: { 'X-CSRF-TOKEN': ['issued before the sign-in'] } });
      }
      return json(200, { id: 'p', version: 3 });
    };
    seen.length = 0;
    const published = await api.data(api.client.POST('/api/playbooks/{id}/publish', { params: { path: { id: 'p' } }, body: { note: 'n' } }));
    expect(refused).toBe(true);
    expect(published).toEqual({ id: 'p', version: 3 });
    const posts = seen.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.headers.get('X-CSRF-TOKEN'))).toEqual(['t1', 't2']);
    expect(await posts[1].json()).toEqual({ note: 'n' });
    expect(posts[1].credentials).toBe('same-origin');
  });

  it('reads without a token', async () => {
    handle = () => json(200, { total: 0, items: [] });
    seen.length = 0;
    expect(await api.get('/api/instances?take=5')).toEqual({ total: 0, items: [] });
    expect(seen.map((r) => [r.method, new URL(r.url).search, r.headers.get('X-CSRF-TOKEN')])).toEqual([['GET', '?take=5', null]]);
  });

  it('throws an ApiError from problem details and tells the auth listeners about a 401', async () => {
    handle = (request) => path(request) === '/api/me'
      ? json(401, { title: 'Unauthorized', detail: 'sign in' })
      : json(404, { title: 'Not found', detail: "no account 'x'" });
    const heard: number[] = [];
    const stop = api.onAuthError((e) => heard.push(e.status));
    const missing = await api.data(api.client.GET('/api/accounts/{id}', { params: { path: { id: 'x' } } })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(api.ApiError);
    expect(missing).toMatchObject({ status: 404, title: 'Not found', detail: "no account 'x'", path: '/api/accounts/x' });
    await expect(api.data(api.client.GET('/api/me'))).rejects.toMatchObject({ status: 401 });
    expect(heard).toEqual([401]);
    stop();
  });

  it('says when the host does not answer', async () => {
    handle = () => { throw new TypeError('fetch failed'); };
    await expect(api.get('/api/playbooks')).rejects.toMatchObject({ status: 0, title: 'No connection' });
  });
});
