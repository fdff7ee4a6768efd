import { describe, expect, it } from 'vitest';
import { batonError, ERROR_CODES } from '@baton/engine';
import type { ErrorCode } from '@baton/engine';
import { toErrorResponse } from './to-error-response.js';
import { HTTP_STATUS_BY_KIND } from './http-status.js';

describe('toErrorResponse', () => {
  it('answers 400 to a value Postgres refused, and 500 to other database errors', () => {
    const refused = { code: '22P05', severity: 'ERROR', message: 'unsupported Unicode escape' };
    expect(toErrorResponse(refused, 'i', {}).body).toMatchObject({
      status: 400,
      code: 'REQUEST_INVALID',
      message: 'The store refused a value: unsupported Unicode escape',
    });
    const tooDeep = { code: '54001', severity: 'ERROR', message: 'stack depth limit exceeded' };
    expect(toErrorResponse(tooDeep, 'i', {}).body.status).toBe(400);
    const other = { code: '42P01', severity: 'ERROR', message: 'relation does not exist' };
    expect(toErrorResponse(other, 'i', {}).body.status).toBe(500);
  });

  it('maps every catalogue code to a status by its kind, 503 being retryable', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const { body } = toErrorResponse(batonError(code, 'm'), 'i', {});
      expect(body.status).toBe(HTTP_STATUS_BY_KIND[ERROR_CODES[code]].status);
      expect(body.code).toBe(code);
      expect(body.retryable).toBe(body.status === 503 || body.status === 429);
    }
  });

  it('turns each Ajv issue into a validationErrors entry naming the field and its value', () => {
    const error = {
      validation: [
        {
          instancePath: '/tasks/0/retryCount',
          keyword: 'type',
          message: 'must be integer',
          params: {},
        },
        {
          instancePath: '',
          keyword: 'required',
          message: "must have required property 'name'",
          params: { missingProperty: 'name' },
        },
      ],
      validationContext: 'body',
    };
    const { body } = toErrorResponse(error, 'i', { body: { tasks: [{ retryCount: 'x' }] } });
    expect(body).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
    expect(body.validationErrors).toEqual([
      {
        path: 'body.tasks[0].retryCount',
        message: 'body.tasks[0].retryCount must be integer',
        invalidValue: 'x',
      },
      { path: 'body.name', message: 'body.name is required', invalidValue: null },
    ]);
  });

  it('answers 503 for a refused connection, 413 for a large body and 500 for bugs', () => {
    expect(
      toErrorResponse(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'i', {}).body,
    ).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE', retryable: true });
    expect(
      toErrorResponse({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, 'i', {}).body.code,
    ).toBe('REQUEST_TOO_LARGE');
    const bug = toErrorResponse(new TypeError('undefined is not a function'), 'i', {});
    expect(bug.body).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
    });
    expect(bug.isServerFault).toBe(true);
  });
});
