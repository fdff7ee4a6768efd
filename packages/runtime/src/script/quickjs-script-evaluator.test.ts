import { afterAll, describe, expect, it } from 'vitest';
import { QuickJsScriptEvaluator } from './quickjs-script-evaluator.js';

describe.each(['thread', 'inline'] as const)('QuickJsScriptEvaluator (%s)', (isolation) => {
  const js = new QuickJsScriptEvaluator({ timeoutMs: 300, isolation });
  afterAll(() => js.dispose());

  describe('expressions', () => {
    it('returns the value of a ternary over $', async () => {
      expect(await js.evaluate("$.a > 1 ? 'x' : 'y'", { a: 2 })).toBe('x');
      expect(await js.evaluate("$.a > 1 ? 'x' : 'y'", { a: 0 })).toBe('y');
    });

    it('returns the value of the last expression statement', async () => {
      expect(await js.evaluate('var t = $.n * 2; t + 1', { n: 4 })).toBe(9);
    });

    it('returns nested objects and arrays as plain JSON', async () => {
      const result = await js.evaluate(
        '({ list: [1, "two", { three: $.x }], flag: true, none: null })',
        {
          x: [3],
        },
      );
      expect(result).toEqual({ list: [1, 'two', { three: [3] }], flag: true, none: null });
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    });

    it('turns undefined into null', async () => {
      expect(await js.evaluate('$.missing', {})).toBeNull();
      expect(await js.evaluate('undefined', {})).toBeNull();
    });

    it('gives the script a copy of the input, not the host object', async () => {
      const input = { list: [1, 2], nested: { k: 'v' } };
      expect(
        await js.evaluate('$.list.push(3); $.nested.k = "changed"; $.list.length', input),
      ).toBe(3);
      expect(input).toEqual({ list: [1, 2], nested: { k: 'v' } });
    });

    it('rejects a top-level return as a syntax error', async () => {
      await expect(js.evaluate('return 1', {})).rejects.toThrow(
        /SyntaxError: return not in a function/,
      );
    });

    it('runs a LAMBDA-style function body that returns its result', async () => {
      expect(
        await js.evaluateFunctionBody('if ($.a) { return { ok: $.a }; } return null;', { a: 5 }),
      ).toEqual({
        ok: 5,
      });
    });

    it('reports thrown errors and thrown values with their message', async () => {
      await expect(js.evaluate('throw new TypeError("bad input")', {})).rejects.toThrow(
        'TypeError: bad input',
      );
      await expect(js.evaluate('throw "plain"', {})).rejects.toThrow('Script threw plain');
      await expect(js.evaluate('$.a.b.c', {})).rejects.toThrow(/TypeError/);
    });

    it('answers concurrent evaluations each with its own input', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          js.evaluate('$.i * 10 + ($.i % 2 === 0 ? 1 : 0)', { i }),
        ),
      );
      expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 10 + (i % 2 === 0 ? 1 : 0)));
    });
  });

  describe('sandbox', () => {
    it('stops an infinite loop at the time limit and keeps working afterwards', async () => {
      const started = Date.now();
      await expect(js.evaluate('while (true) {}', {})).rejects.toThrow(
        'Script exceeded the time limit of 300 ms',
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await js.evaluate('1 + 1', {})).toBe(2);
    });

    it('stops a memory bomb at the memory limit', async () => {
      const small = new QuickJsScriptEvaluator({
        memoryBytes: 8 * 1024 * 1024,
        timeoutMs: 5_000,
        isolation,
      });
      await expect(
        small.evaluate('let a = []; for (;;) a.push({ n: a.length })', {}),
      ).rejects.toThrow('Script exceeded the memory limit of 8 MiB');
      await expect(small.evaluate("'x'.repeat(1e8).length", {})).rejects.toThrow(/memory limit/);
      expect(await small.evaluate('[1, 2, 3].length', {})).toBe(3);
      await small.dispose();
    });

    it('ends deep recursion as a script error, not a host stack overflow', async () => {
      await expect(js.evaluate('function f() { return f() + 1; } f()', {})).rejects.toThrow(
        'Script exceeded the maximum call stack size',
      );
      await expect(js.evaluate("JSON.parse('['.repeat(100000))", {})).rejects.toThrow(/stack/);
      expect(await js.evaluate('"still fine"', {})).toBe('still fine');
    });

    it('has no process, require, fetch, module loading or host globals', async () => {
      const probe =
        '[typeof process, typeof require, typeof fetch, typeof globalThis.Buffer, typeof setTimeout]';
      expect(await js.evaluate(probe, {})).toEqual([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        'undefined',
      ]);
      await expect(js.evaluate("require('fs')", {})).rejects.toThrow(/ReferenceError/);
      await expect(js.evaluate('process.exit(1)', {})).rejects.toThrow(/ReferenceError/);
      await expect(js.evaluate("import('fs')", {})).rejects.toThrow(
        "Script returned a rejected promise: ReferenceError: could not load module 'fs'",
      );
    });

    it('does not leak prototype pollution into later evaluations', async () => {
      await js.evaluate('Object.prototype.polluted = "yes"; Array.prototype.map = null; 1', {});
      expect(await js.evaluate('({}).polluted === undefined && typeof [].map', {})).toBe(
        'function',
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('settles a returned promise: its value, or a failure naming what went wrong', async () => {
      expect(await js.evaluate('Promise.resolve($.a)', { a: 5 })).toBe(5);
      expect(await js.evaluate('(async () => { await null; return { ok: 1 }; })()', {})).toEqual({
        ok: 1,
      });
      await expect(js.evaluate('Promise.reject(new TypeError("nope"))', {})).rejects.toThrow(
        'Script returned a rejected promise: TypeError: nope',
      );
      await expect(js.evaluate('new Promise(() => {})', {})).rejects.toThrow(
        'Script returned a promise that never settled',
      );
    });

    it('reports limits hit inside async code as failures, never as a result', async () => {
      // Before: each of these "completed" with {} (the promise object serialised).
      await expect(js.evaluate('(async () => { while (1) {} })()', {})).rejects.toThrow(
        'Script exceeded the time limit of 300 ms',
      );
      await expect(js.evaluate('(async function f() { return f(); })()', {})).rejects.toThrow(
        'Script exceeded the maximum call stack size',
      );
      await expect(
        js.evaluate('(async function f() { await null; return f(); })()', {}),
      ).rejects.toThrow('Script exceeded the time limit of 300 ms');
      await expect(
        js.evaluate('Promise.resolve().then(() => { while (1) {} }); 2', {}),
      ).rejects.toThrow('Script exceeded the time limit of 300 ms');
      // Jobs left at the deadline never run inside the next evaluation.
      expect(await js.evaluate('$.n', { n: 3 })).toBe(3);
    });

    it('ends a script whose promise jobs outlast the deadline as over its time limit', async () => {
      // Before: QuickJS reported the interrupt inside Promise.prototype.then as
      // "TypeError: not a function"; the runtime holding the jobs is dropped, never reused.
      const manyLoops =
        'for (let i = 0; i < 1e4; i += 1) Promise.resolve().then(() => { for (;;) {} }); 1';
      for (let i = 0; i < 2; i += 1) {
        await expect(js.evaluate(manyLoops, {})).rejects.toThrow(
          /^Script exceeded the time limit of 300 ms$/,
        );
      }
      expect(await js.evaluate('[1, 2].map((x) => x * $.k)', { k: 3 })).toEqual([3, 6]);
    });

    it('reports a thrown error even when the script broke JSON serialisation', async () => {
      // Before: 'Script threw InternalError: interrupted' (the error was dumped through toJSON).
      await expect(
        js.evaluate('Object.prototype.toJSON = () => { for (;;) {} }; ({})', {}),
      ).rejects.toThrow(/^Script exceeded the time limit of 300 ms$/);
      await expect(
        js.evaluate("Object.prototype.toJSON = () => 1; throw new RangeError('kept')", {}),
      ).rejects.toThrow(/^RangeError: kept$/);
      await expect(js.evaluate('throw null', {})).rejects.toThrow(/^Script threw null$/);
    });

    it('refuses a result over maxResultBytes and cuts a huge thrown message', async () => {
      const capped = new QuickJsScriptEvaluator({ maxResultBytes: 1_000, isolation });
      await expect(capped.evaluate('"é".repeat(600)', {})).rejects.toThrow(
        'Script result is 1202 bytes of JSON, more than the limit of 1000 bytes',
      );
      await expect(capped.evaluate('"x".repeat(5e6)', {})).rejects.toThrow(
        'Script result is 5000002 bytes of JSON, more than the limit of 1000 bytes',
      );
      expect(await capped.evaluate('"x".repeat(990)', {})).toHaveLength(990);
      const error = await capped.evaluate('throw new Error("m".repeat(5e6))', {}).catch((e) => e);
      expect((error as Error).message).toBe(`Error: ${'m'.repeat(16 * 1024)}`);
      await capped.dispose();
    });

    it('keeps getters and toJSON of the result under the time limit', async () => {
      await expect(js.evaluate('({ get x() { for (;;) {} } })', {})).rejects.toThrow(/time limit/);
    });

    it('evaluates a thousand small expressions quickly', async () => {
      const started = Date.now();
      for (let i = 0; i < 1_000; i += 1) {
        await js.evaluate("$.status == 'ok' ? 'a' : 'b'", { status: i % 3 === 0 ? 'ok' : 'no', i });
      }
      // About 0.5 ms each on an idle machine; the bound leaves room for a loaded CI box.
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 30_000);
  });
});

describe('QuickJsScriptEvaluator (thread)', () => {
  it('terminates a script stuck in a native builtin while the host keeps running', async () => {
    const js = new QuickJsScriptEvaluator({ timeoutMs: 200 });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    await expect(js.evaluate('var x = []; x.length = 1e9; x.sort(); 1', {})).rejects.toThrow(
      'Script exceeded the time limit of 200 ms',
    );
    clearInterval(timer);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(ticks).toBeGreaterThan(5);
    expect(await js.evaluate('$.after', { after: 'recovered' })).toBe('recovered');
    await js.dispose();
  });

  it('keeps one key from holding every thread: another key waits one time limit at most', async () => {
    const js = new QuickJsScriptEvaluator({ timeoutMs: 500, threads: 2 });
    await js.evaluate('1', {}, { key: 'warm-up' });
    const started = Date.now();
    const hostile = Array.from({ length: 12 }, () =>
      js.evaluate('while (true) {}', {}, { key: 'hostile' }).catch((e: Error) => e.message),
    );
    // Before: one FIFO queue, so this waited behind all twelve loops (3 s with two threads).
    expect(await js.evaluate('$.ok', { ok: 'normal' }, { key: 'normal' })).toBe('normal');
    expect(Date.now() - started).toBeLessThan(500 + 1_000);
    expect(new Set(await Promise.all(hostile))).toEqual(
      new Set(['Script exceeded the time limit of 500 ms']),
    );
    await js.dispose();
  }, 30_000);

  it('serves the key that used the least thread time first when a thread frees up', async () => {
    const js = new QuickJsScriptEvaluator({ timeoutMs: 400, threads: 1 });
    await js.evaluate('1', {}, { key: 'warm-up' });
    const order: string[] = [];
    const run = (key: string, expression: string) =>
      js.evaluate(expression, {}, { key }).then(
        () => order.push(key),
        () => order.push(key),
      );
    const first = run('loops', 'while (true) {}');
    const queued = [run('loops', 'while (true) {}'), run('quick', '1')];
    await Promise.all([first, ...queued]);
    // The second loop was queued first, but 'loops' had just used 400 ms of thread time.
    expect(order).toEqual(['loops', 'quick', 'loops']);
    await js.dispose();
  }, 30_000);

  it('spreads concurrent evaluations over several threads', async () => {
    const js = new QuickJsScriptEvaluator({ threads: 3 });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        js.evaluate('let s = 0; for (let k = 0; k < 1e4; k++) s += k; s + $.i', { i }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => 49_995_000 + i));
    await js.dispose();
  });
});
