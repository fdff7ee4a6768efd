import { describe, expect, it } from 'vitest';
import { BatonClient } from './client.js';
import { BatonApiError, isBatonApiError } from './errors.js';
import { path, toQueryString } from './http.js';
import { FakeFetch, jsonResponse, textResponse } from './testing/fake-fetch.js';

function client(fake: FakeFetch, apiKey?: string) {
  return new BatonClient({ baseUrl: 'http://baton.test:8080/', apiKey, fetch: fake.fetch });
}

describe('HttpTransport', () => {
  it('prefixes /api to the base URL once and keeps an /api base as is', async () => {
    const fake = new FakeFetch().reply(jsonResponse([]), jsonResponse([]), jsonResponse([]));
    await client(fake).metadata.listTaskDefs();
    await new BatonClient({ baseUrl: 'http://h/api/', fetch: fake.fetch }).metadata.listTaskDefs();
    await new BatonClient({ baseUrl: '', fetch: fake.fetch }).metadata.listTaskDefs();
    expect(fake.requests.map((r) => r.url)).toEqual([
      'http://baton.test:8080/api/metadata/taskdefs',
      'http://h/api/metadata/taskdefs',
      '/api/metadata/taskdefs',
    ]);
  });

  it('sends the API key as a bearer token and accepts JSON', async () => {
    const fake = new FakeFetch().reply(jsonResponse([]));
    await client(fake, 'secret-key').metadata.listTaskDefs();
    expect(fake.last.headers['authorization']).toBe('Bearer secret-key');
    expect(fake.last.headers['accept']).toBe('application/json');
  });

  it('sends no authorization header without a key', async () => {
    const fake = new FakeFetch().reply(jsonResponse([]));
    await client(fake).metadata.listTaskDefs();
    expect(fake.last.headers['authorization']).toBeUndefined();
  });

  it('encodes path segments and repeats array query keys, leaving out undefined', () => {
    expect(path`/workflow/${'a b/c?'}/skiptask/${'ref#1'}`).toBe(
      '/workflow/a%20b%2Fc%3F/skiptask/ref%231',
    );
    expect(
      toQueryString({ taskType: ['a', 'b c'], none: undefined, n: null, flag: false, count: 3 }),
    ).toBe('?taskType=a&taskType=b+c&flag=false&count=3');
    expect(toQueryString({})).toBe('');
  });

  it('turns an ErrorResponse into a BatonApiError with code and validation errors', async () => {
    const body = {
      status: 400,
      code: 'WORKFLOW_DEF_INVALID',
      message: 'Validation failed, check below errors for detail.',
      instance: 'baton-1',
      retryable: false,
      validationErrors: [{ path: 'tasks[0].name', message: 'is required', invalidValue: null }],
    };
    const fake = new FakeFetch().reply(jsonResponse(body, 400));
    const error = await client(fake)
      .metadata.registerWorkflowDef({ name: 'x' } as never)
      .catch((e: unknown) => e);
    expect(isBatonApiError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'BatonApiError',
      status: 400,
      code: 'WORKFLOW_DEF_INVALID',
      message: 'Validation failed, check below errors for detail.',
      retryable: false,
      instance: 'baton-1',
      validationErrors: [{ path: 'tasks[0].name', message: 'is required', invalidValue: null }],
    });
  });

  it('keeps the server retryable flag and defaults it from the status', async () => {
    const fake = new FakeFetch().reply(
      jsonResponse(
        { status: 503, code: 'STORE_UNAVAILABLE', message: 'down', retryable: true },
        503,
      ),
      textResponse('<html>Bad gateway</html>', 502),
      new Response('', { status: 404 }),
    );
    const c = client(fake);
    const e1 = (await c.workflows.get('w').catch((e: unknown) => e)) as BatonApiError;
    const e2 = (await c.workflows.get('w').catch((e: unknown) => e)) as BatonApiError;
    const e3 = (await c.workflows.get('w').catch((e: unknown) => e)) as BatonApiError;
    expect([e1.code, e1.retryable]).toEqual(['STORE_UNAVAILABLE', true]);
    expect([e2.code, e2.retryable, e2.message]).toEqual([
      'HTTP_502',
      true,
      '<html>Bad gateway</html>',
    ]);
    expect([e3.code, e3.retryable, e3.message]).toEqual([
      'HTTP_404',
      false,
      'GET /workflow/w failed with HTTP 404',
    ]);
  });

  it('reports a request that got no response as a retryable NETWORK_ERROR', async () => {
    const fake = new FakeFetch().reply(new TypeError('fetch failed'));
    const error = (await client(fake)
      .health()
      .catch((e: unknown) => e)) as BatonApiError;
    expect(error).toBeInstanceOf(BatonApiError);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', retryable: true });
    expect(error.message).toContain('fetch failed');
  });

  it('reads health from /api/health', async () => {
    const fake = new FakeFetch().reply(
      jsonResponse({ healthy: true, healthResults: [], suppressedHealthResults: [] }),
    );
    expect(await client(fake).health()).toEqual({
      healthy: true,
      healthResults: [],
      suppressedHealthResults: [],
    });
    expect(fake.last.path).toBe('/health');
  });
});
