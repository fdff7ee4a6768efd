/**
 * Schema-driven fuzzing: requests generated with fast-check from the OpenAPI document the server
 * serves (`/api/openapi.json`, built from the route schemas): every operation, with path, query
 * and body values that follow the schemas or break them (wrong types, hostile strings, broken or
 * deep JSON, other content types). Asserts no 5xx, no hang, every refusal in the ErrorResponse
 * shape, and that the definitions and executions stored before are unchanged after.
 *
 * The seed is printed; replay a failure with `FUZZ_SEED=<seed> npx vitest run <this file>`
 * (`FUZZ_REQUESTS` changes the count, 20,000 by default).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, simpleDef, start, type TestApp } from '../helpers.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_207);
const TOTAL = Number(process.env['FUZZ_REQUESTS'] ?? 20_000);
const IN_FLIGHT = 16;
const HANG_MS = 15_000;

type Schema = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  body?: Schema;
}
interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** The long-lived event stream answers by streaming forever: it is exercised elsewhere. */
const SKIPPED = new Set(['GET /api/events']);

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  'nul\u0000in\uDC00side',
  '${workflow.input.x}',
  '${' + 'a.'.repeat(500) + '}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '%',
  'a'.repeat(5000),
  "'; DROP TABLE workflows; --",
  '<script>alert(1)</script>',
  '_deciderQueue',
  '_health',
  '*',
  'null',
  '1e309',
  '-0',
  '\r\nX-Injected: 1',
  '😀🏳️‍🌈',
  'workflowType = x AND status IN (RUNNING',
  'status=RUNNING OR 1=1',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 0.5, true, false, null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant([]),
  fc.constant({}),
);

function resolveRef(doc: Schema, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const schemas = (doc['components'] as { schemas: Record<string, Schema> }).schemas;
  return schemas[name] ?? {};
}

/** A value that follows `schema`, with hostile values mixed in at every level. */
function fromSchema(doc: Schema, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const valid = followSchema(doc, schema ?? {}, depth);
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function followSchema(doc: Schema, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (typeof schema['$ref'] === 'string') {
    if (depth > 3) return fc.constant({});
    return fromSchema(doc, resolveRef(doc, schema['$ref']), depth + 1);
  }
  const choices = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (choices) return fc.oneof(...choices.map((c) => fromSchema(doc, c, depth + 1)));
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if ('const' in schema) return fc.constant(schema['const']);
  const type = schema['type'];
  if (Array.isArray(type)) {
    return fc.oneof(...type.map((t) => followSchema(doc, { ...schema, type: t }, depth)));
  }
  switch (type) {
    case 'object': {
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = (schema['required'] ?? []) as string[];
      const record = fc.record(
        Object.fromEntries(
          Object.entries(props).map(([k, s]) => [k, fromSchema(doc, s, depth + 1)]),
        ),
        { requiredKeys: required.filter((k) => k in props) },
      );
      const extra = fc.dictionary(hostileString, hostileValue, { maxKeys: 2 });
      return fc
        .tuple(record, fc.option(extra, { freq: 4 }))
        .map(([r, e]) => ({ ...(e ?? {}), ...(r as object) }));
    }
    case 'array':
      return fc.array(fromSchema(doc, schema['items'] as Schema | undefined, depth + 1), {
        maxLength: depth > 2 ? 1 : 4,
      });
    case 'string':
      return fc.oneof(fc.string({ maxLength: 12 }), hostileString);
    case 'integer': {
      const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
      const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 100_000;
      return fc.oneof(fc.integer({ min, max }), fc.integer());
    }
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** encodeURIComponent, which throws on a lone surrogate: then the UTF-8 bytes Node would send. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');
  }
}

/** Text of a path or query value: its JSON for non-strings, sometimes left unencoded. */
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const encodeArb = (value: fc.Arbitrary<unknown>) =>
  fc.tuple(value, fc.integer({ min: 0, max: 19 })).map(([v, roll]) => {
    const text = asText(v) ?? '';
    return roll === 0 ? text.replace(/[/?#\s\uD800-\uDFFF]/g, '') : enc(text);
  });

function operations(doc: Schema): Operation[] {
  const paths = doc['paths'] as Record<string, Record<string, Schema>>;
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (SKIPPED.has(`${upper} ${path}`)) continue;
      const content = (op['requestBody'] as { content?: Record<string, { schema: Schema }> })
        ?.content;
      ops.push({
        method: upper,
        path,
        parameters: (op['parameters'] ?? []) as Operation['parameters'],
        body: content?.['application/json']?.schema ?? content?.['text/plain']?.schema,
      });
    }
  }
  return ops;
}

/** The broken bodies every operation gets now and then. */
const BROKEN_BODIES = fc.constantFrom(
  '{',
  'not json',
  '[1,2',
  '"unterminated',
  '{"a":1}{"b":2}',
  '['.repeat(1200) + ']'.repeat(1200),
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  '9'.repeat(400),
);

function requestFor(doc: Schema, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => encodeArb(fromSchema(doc, p.schema))))
    .map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? ''), op.path),
    );
  const query = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          fc.oneof(encodeArb(fromSchema(doc, p.schema)), fc.constant('')).map((v) => {
            // Keep long polls short: a 5 s wait proves nothing here and holds a slot.
            if (p.name === 'timeout' && /^\d+$/.test(v)) return String(Math.min(Number(v), 20));
            return v;
          }),
          { freq: p.required ? 10 : 2 },
        ),
      ),
      fc.option(fc.tuple(hostileString, hostileString), { freq: 5 }),
    )
    .map((values) => {
      const extra = values.pop() as [string, string] | null;
      const pairs = queryParams.flatMap((p, i) => {
        const v = values[i] as string | null;
        return v === null ? [] : [`${p.name}=${v}`];
      });
      if (extra) pairs.push(`${enc(extra[0])}=${enc(extra[1])}`);
      return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
    });
  const bodyValue = op.body ? fromSchema(doc, op.body) : fc.constant(undefined);
  const body = fc.oneof(
    {
      weight: 8,
      arbitrary: bodyValue.map((v) => ({
        payload: v === undefined ? undefined : JSON.stringify(v),
        contentType: 'application/json',
      })),
    },
    {
      weight: 1,
      arbitrary: BROKEN_BODIES.map((b) => ({ payload: b, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          bodyValue,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
            'APPLICATION/JSON',
          ),
        )
        .map(([v, contentType]) => ({ payload: JSON.stringify(v ?? 'x'), contentType })),
    },
  );
  return fc.tuple(path, query, body).map(([p, q, b]) => ({
    method: op.method,
    url: p + q,
    headers: (b.payload === undefined ? {} : { 'content-type': b.contentType }) as Record<
      string,
      string
    >,
    ...(b.payload === undefined ? {} : { payload: b.payload }),
  }));
}

let t: TestApp;
const keptIds: string[] = [];

/** What the fuzzing must not change: a definition, a task definition and three executions. */
async function snapshot(): Promise<unknown> {
  const read = async (url: string) => {
    const res = await t.app.inject({ url });
    return { status: res.statusCode, body: res.json() as unknown };
  };
  return {
    def: await read('/api/metadata/workflow/fuzz_keep'),
    taskDef: await read('/api/metadata/taskdefs/fuzz_keep_task'),
    executions: await Promise.all(keptIds.map((id) => read(`/api/workflow/${id}`))),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await register(t.app, simpleDef('fuzz_keep'));
  for (let i = 0; i < 3; i++) keptIds.push(await start(t.app, 'fuzz_keep', { i }));
});
afterAll(() => t?.close());

describe('fuzzing from the OpenAPI document', () => {
  it(`answers ${TOTAL} generated requests without a 5xx or a hang and changes nothing stored`, async () => {
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED}), ${TOTAL} requests`);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as Schema;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(50);
    const before = await snapshot();

    const all = fc.oneof(...ops.map((op) => requestFor(doc, op)));
    const requests = fc.sample(all, { seed: SEED, numRuns: TOTAL });
    const covered = new Set<string>();
    const failures: string[] = [];
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const req = requests[index]!;
        const replay = `#${index} ${req.method} ${req.url.slice(0, 200)} ${req.payload?.slice(0, 200) ?? ''}`;
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<'hang'>((resolve) => {
          timer = setTimeout(() => resolve('hang'), HANG_MS);
        });
        const res = await Promise.race([
          t.app.inject({
            method: req.method as 'GET',
            url: req.url,
            headers: req.headers,
            payload: req.payload,
          }),
          hang,
        ]);
        clearTimeout(timer);
        if (res === 'hang') {
          failures.push(`hang: ${replay}`);
          continue;
        }
        covered.add(`${req.method} ${res.statusCode}`);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500)
          failures.push(`${res.statusCode} ${res.body.slice(0, 300)}: ${replay}`);
        else if (res.statusCode >= 400) {
          const body = res.json() as { code?: unknown; status?: unknown };
          if (typeof body.code !== 'string' || body.status !== res.statusCode) {
            failures.push(`not an ErrorResponse: ${res.body.slice(0, 200)}: ${replay}`);
          }
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    console.log(
      `fuzz: ${TOTAL} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    // The generator reached both sides: accepted requests and refusals.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(before);
  }, 240_000);
});
