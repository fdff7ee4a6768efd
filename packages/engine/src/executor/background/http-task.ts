/**
 * HTTP (docs/conductor-compatibility.md#http): the request is built from `http_request` (or
 * top-level keys) and sent through the HttpCaller port; a 2xx completes the task, anything else
 * fails it.
 * @module
 */
import type { Task } from '../../model/task.js';
import type { HttpCaller, HttpRequest, HttpResponse } from '../../ports/http-caller.js';

/** The outcome of running an HTTP task: the status, output and reason to apply. */
export interface HttpTaskResult {
  status: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';
  outputData: Record<string, unknown>;
  reasonForIncompletion: string | null;
}

export async function runHttpTask(http: HttpCaller, task: Task): Promise<HttpTaskResult> {
  const spec = asMap(task.inputData.http_request ?? task.inputData);
  const uri = spec.uri;
  if (typeof uri !== 'string' || uri === '') {
    return failed('Missing HTTP URI. See documentation for HttpTask for required input parameters');
  }
  const method = spec.method;
  if (typeof method !== 'string' || method === '') return failed('No HTTP method specified');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(asMap(spec.headers))) headers[k] = String(v);
  const has = (name: string): boolean =>
    Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase());
  const accept = spec.accept ?? 'application/json';
  if (!has('Accept')) headers.Accept = Array.isArray(accept) ? accept.join(', ') : String(accept);
  const body = spec.body;
  if (body !== undefined && body !== null) {
    if (!has('Content-Type'))
      headers['Content-Type'] = String(spec.contentType ?? 'application/json');
  }
  const request: HttpRequest = {
    uri,
    method: method.toUpperCase(),
    headers,
    body:
      body === undefined || body === null
        ? undefined
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
    connectionTimeOutMs: Number(spec.connectionTimeOut ?? 3000),
    readTimeOutMs: Number(spec.readTimeOut ?? 3000),
  };
  let response: HttpResponse;
  try {
    response = await http.call(request);
  } catch (e) {
    const message = `Failed to invoke HTTP task due to: ${e instanceof Error ? e.message : String(e)}`;
    return { status: 'FAILED', outputData: { response: message }, reasonForIncompletion: message };
  }
  const outputData = {
    response: {
      statusCode: response.statusCode,
      reasonPhrase: response.reasonPhrase,
      headers: response.headers,
      body: parseBody(response.body),
    },
  };
  if (response.statusCode >= 200 && response.statusCode < 300) {
    const status = task.workflowTask.asyncComplete ? 'IN_PROGRESS' : 'COMPLETED';
    return { status, outputData, reasonForIncompletion: null };
  }
  if (response.statusCode >= 400) {
    // Conductor's HTTP client throws on an error status: the task fails with the status, reason
    // phrase and body in its reason, and `response` holds that text instead of the response map.
    const body = response.body === '' ? '[no body]' : `"${response.body}"`;
    const text = `${response.statusCode} ${response.reasonPhrase}: ${body}`;
    return {
      status: 'FAILED',
      outputData: { response: text },
      reasonForIncompletion: `Failed to invoke HTTP task due to: ${text}`,
    };
  }
  const reason = response.body || `HTTP ${response.statusCode} ${response.reasonPhrase}`;
  return { status: 'FAILED', outputData, reasonForIncompletion: reason };
}

/** JSON when the body parses as JSON, else the raw text. */
export function parseBody(text: string): unknown {
  if (text === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function failed(reason: string): HttpTaskResult {
  return { status: 'FAILED', outputData: {}, reasonForIncompletion: reason };
}

function asMap(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
