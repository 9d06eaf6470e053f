import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Cancelling a forecast against a scripted fetch: a job that finished first (409) is no error, anything else is.
let status = 202;
const json = (code: number, body: unknown) => new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });
let forecast: typeof import('../src/api/forecast');
let errors: typeof import('../src/api/apiError');

beforeAll(async () => {
  vi.stubGlobal('location', { origin: 'http://designer.test' });
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (new URL(request.url).pathname === '/api/auth/antiforgery') return json(200, { token: 't', headerName: 'X-CSRF-TOKEN' });
    if (status === 202) return json(202, { id: 'j1', playbookId: 'p', state: 'cancelled', createdAt: '2026-03-02T09:00:00Z', progress: { done: 0, total: 20, percent: 0 } });
    return json(status, { title: status === 409 ? 'Conflict' : 'Not Found', detail: `forecast j1 answered ${status}` });
  });
  forecast = await import('../src/api/forecast');
  errors = await import('../src/api/apiError');
});
afterAll(() => { vi.unstubAllGlobals(); });

describe('cancelling a forecast', () => {
  it('says it stopped a running job', async () => {
    status = 202;
    await expect(forecast.cancelForecast('j1')).resolves.toBe(true);
  });

  it('treats a job that finished before the cancel arrived as no error', async () => {
    status = 409;
    await expect(forecast.cancelForecast('j1')).resolves.toBe(false);
  });

  it('still reports an unknown job', async () => {
    status = 404;
    await expect(forecast.cancelForecast('j1')).rejects.toBeInstanceOf(errors.ApiError);
  });
});
