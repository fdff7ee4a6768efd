/**
 * Hostile scripts for `scripts.int.test.ts`: what a workflow author (or whoever can register a
 * definition) might run in INLINE, LAMBDA, javascript SWITCH and JSON_JQ_TRANSFORM, each with the
 * task status it must end in and what its reason (or result) must say. Limits are the test server's:
 * 1 s per evaluation, 32 MiB of QuickJS memory, 1 MiB of result.
 */

/** The kind of task the script runs in. */
export type ScriptKind = 'INLINE' | 'LAMBDA' | 'SWITCH' | 'JQ';

export interface HostileScript {
  /** Short description, used in the test's name. */
  name: string;
  kind: ScriptKind;
  /** INLINE/SWITCH `expression`, LAMBDA `scriptExpression`, jq `queryExpression`. */
  script: string;
  /** Extra input parameters of the task (the script's `$`, jq's `.`). */
  input?: Record<string, unknown>;
  /** Final task status. */
  status: string;
  /** What reasonForIncompletion must match (failed tasks). */
  reason?: RegExp;
  /** The task's output.result (INLINE, LAMBDA, jq) or selectedCase (SWITCH) when it completes. */
  result?: unknown;
}

const TIME = /^Script exceeded the time limit of 1000 ms$/;
const MEMORY = /^Script exceeded the memory limit of 32 MiB$/;
const TIME_OR_MEMORY = /^Script exceeded the (time limit of 1000 ms|memory limit of 32 MiB)$/;
const STACK = /^Script exceeded the maximum call stack size$/;
const TOO_LARGE = /^Script result is \d{7,} bytes of JSON, more than the limit of 1048576 bytes$/;
const JQ_TIME = /^jq exceeded the time limit of 1000 ms$/;
/** jq-wasm collects its output in memory: an endless stream ends at the time limit, or its thread. */
const JQ_ENDLESS =
  /^(jq exceeded the time limit of 1000 ms|jq failed: .+|jq output is \d+ bytes, more than the limit of 1048576 bytes)$/;
/** jq-wasm writes its output slowly: a megabyte of it runs into the time limit first. */
const JQ_TOO_LARGE =
  /^(jq exceeded the time limit of 1000 ms|jq output is \d{7,} bytes, more than the limit of 1048576 bytes)$/;

const inline = (
  name: string,
  script: string,
  expected: { reason: RegExp } | { result: unknown },
  input?: Record<string, unknown>,
): HostileScript => ({
  name,
  kind: 'INLINE',
  script,
  input,
  status: 'reason' in expected ? 'FAILED_WITH_TERMINAL_ERROR' : 'COMPLETED',
  ...expected,
});

const lambda = (
  name: string,
  script: string,
  expected: { reason: RegExp } | { result: unknown },
  input?: Record<string, unknown>,
): HostileScript => ({
  name,
  kind: 'LAMBDA',
  script,
  input,
  status: 'reason' in expected ? 'FAILED' : 'COMPLETED',
  ...expected,
});

const switchOn = (
  name: string,
  script: string,
  expected: { reason: RegExp } | { result: unknown },
  input?: Record<string, unknown>,
): HostileScript => ({
  name,
  kind: 'SWITCH',
  script,
  input,
  status: 'reason' in expected ? 'FAILED' : 'COMPLETED',
  ...expected,
});

const jq = (
  name: string,
  script: string,
  expected: { reason: RegExp } | { result: unknown },
  input?: Record<string, unknown>,
): HostileScript => ({
  name,
  kind: 'JQ',
  script,
  input,
  status: 'reason' in expected ? 'FAILED' : 'COMPLETED',
  ...expected,
});

export const HOSTILE_SCRIPTS: HostileScript[] = [
  // Infinite loops: sync, async, generators, microtasks, eval, a builtin that ignores interrupts.
  inline('while (true)', 'while (true) {}', { reason: TIME }),
  inline('for (;;)', 'for (;;) {}', { reason: TIME }),
  inline('async loop', '(async () => { while (true) {} })()', { reason: TIME }),
  inline('loop after await', '(async () => { await null; for (;;) {} })()', { reason: TIME }),
  inline('generator loop', 'function* g() { for (;;) {} } g().next()', { reason: TIME }),
  inline('endless generator spread', 'function* g() { for (;;) yield 1; } [...g()]', {
    reason: TIME_OR_MEMORY,
  }),
  inline(
    'endless microtasks',
    'Promise.resolve().then(function f() { return Promise.resolve().then(f); })',
    {
      reason: TIME,
    },
  ),
  inline('loop in a microtask', 'Promise.resolve().then(() => { for (;;) {} }); 1', {
    reason: TIME,
  }),
  inline('loop in eval', "eval('while (true) {}')", { reason: TIME }),
  inline('loop in new Function', "new Function('for (;;) {}')()", { reason: TIME }),
  inline('loop in toString', "'' + { toString() { for (;;) {} } }", { reason: TIME }),
  inline('loop in a Proxy trap', 'new Proxy({}, { ownKeys() { for (;;) {} } })', {
    reason: TIME,
  }),
  inline('sort of a huge sparse array', 'var x = []; x.length = 1e9; x.sort(); 1', {
    reason: TIME,
  }),
  // Recursion and stack.
  inline('recursion', '(function f() { return f() + 1; })()', { reason: STACK }),
  inline('async recursion', '(async function f() { return f(); })()', { reason: STACK }),
  // Fast enough, this runs out of memory inside a promise job: QuickJS then leaves the script's
  // promise pending or rejected with null (no error object could be made), so the reason names
  // that outcome instead of the memory limit. Still a failure, never a result.
  inline('async recursion over await', '(async function f() { await null; return f(); })()', {
    reason:
      /^(Script exceeded the (time limit of 1000 ms|memory limit of 32 MiB)|Script returned a promise that never settled|Script returned a rejected promise: Script threw null)$/,
  }),
  inline('deep JSON.parse', "JSON.parse('['.repeat(100000))", { reason: STACK }),
  // Memory bombs.
  inline('growing array', 'let a = []; for (;;) a.push({ n: a.length })', {
    reason: TIME_OR_MEMORY,
  }),
  inline('doubling string', "let s = 'x'; for (;;) s += s", {
    reason: /^(Script exceeded the memory limit of 32 MiB|InternalError: string too long)$/,
  }),
  inline("'x'.repeat(1e8)", "'x'.repeat(1e8).length", { reason: MEMORY }),
  inline('huge filled array', 'new Array(1e8).fill(0).length', { reason: TIME_OR_MEMORY }),
  inline('huge ArrayBuffer', 'new ArrayBuffer(1e9).byteLength', {
    reason: /^(Script exceeded the memory limit of 32 MiB|RangeError: .+)$/,
  }),
  // Huge outputs.
  inline('2 MB string result', "'x'.repeat(2e6)", { reason: TOO_LARGE }),
  inline('300k-element array result', 'Array.from({ length: 3e5 }, (_, i) => i)', {
    reason: TOO_LARGE,
  }),
  inline('5 MB thrown message', "throw new Error('m'.repeat(5e6))", {
    reason: /^Error: m{1951}\.\.\. \(message truncated to 2000 characters\)$/,
  }),
  // Thrown non-Errors and failures while converting the result.
  inline('thrown string', "throw 'plain'", { reason: /^Script threw plain$/ }),
  inline('thrown number', 'throw 42', { reason: /^Script threw 42$/ }),
  inline('thrown object', 'throw { code: 7 }', { reason: /^Script threw \{"code":7\}$/ }),
  inline('thrown null', 'throw null', { reason: /^Script threw null$/ }),
  inline('getter that throws', "({ get x() { throw new Error('getter'); } })", {
    reason: /^Error: getter$/,
  }),
  inline('toJSON that throws', "({ toJSON() { throw new TypeError('no json'); } })", {
    reason: /^TypeError: no json$/,
  }),
  inline('cyclic result', 'var o = {}; o.self = o; o', {
    reason: /^TypeError: circular reference$/,
  }),
  inline('BigInt result', '2n ** 64n', { reason: /^TypeError: .*BigInt/ }),
  inline('BigInt inside an object', '({ n: 1n })', { reason: /^TypeError: .*BigInt/ }),
  inline('Symbol result', "Symbol('s')", { result: null }),
  inline('Symbol inside an object', "({ s: Symbol('s'), k: 1 })", { result: { k: 1 } }),
  // Promises.
  inline('rejected promise', "Promise.reject(new Error('async no'))", {
    reason: /^Script returned a rejected promise: Error: async no$/,
  }),
  inline('promise that never settles', 'new Promise(() => {})', {
    reason: /^Script returned a promise that never settled$/,
  }),
  inline('resolved promise', 'Promise.resolve({ ok: $.n })', { result: { ok: 3 } }, { n: 3 }),
  // Prototype and global tampering (each evaluation has a fresh context).
  inline('Object.prototype pollution', "Object.prototype.polluted = 'yes'; 'done'", {
    result: 'done',
  }),
  inline(
    'builtins replaced',
    'Array.prototype.map = null; JSON.stringify = () => \'"hijacked"\'; ({ real: true })',
    { result: { real: true } },
  ),
  inline('globalThis emptied', 'globalThis.JSON = undefined; globalThis.$ = null; 5', {
    result: 5,
  }),
  inline('Object.prototype.toJSON loop', 'Object.prototype.toJSON = () => { for (;;) {} }; ({})', {
    reason: TIME,
  }),
  // Escape attempts.
  inline('constructor.constructor', "this.constructor.constructor('return process')()", {
    reason: /^ReferenceError: 'process' is not defined$/,
  }),
  inline('require', "require('fs')", { reason: /^ReferenceError: 'require' is not defined$/ }),
  inline('import()', "import('fs')", {
    reason: /^Script returned a rejected promise: ReferenceError: could not load module 'fs'$/,
  }),
  inline("Function('return this')", "Function('return this')().process ?? 'none'", {
    result: 'none',
  }),
  inline(
    'host globals',
    '[typeof process, typeof require, typeof fetch, typeof setTimeout].join()',
    { result: 'undefined,undefined,undefined,undefined' },
  ),
  // Syntax and runtime errors.
  inline('top-level return', 'return 1', { reason: /^SyntaxError: return not in a function$/ }),
  inline('garbage', '}{', { reason: /^SyntaxError: / }),
  inline('missing property', '$.a.b.c', { reason: /^TypeError: / }),
  inline('unknown function', 'nope()', { reason: /^ReferenceError: 'nope' is not defined$/ }),
  // Date and Math.random as Conductor scripts use them.
  inline('Date and Math.random', 'typeof Date.now() === "number" && Math.random() < 1', {
    result: true,
  }),
  inline('fixed Date', 'new Date(0).toISOString()', { result: '1970-01-01T00:00:00.000Z' }),

  // LAMBDA: the body of a function, read from inputParameters.scriptExpression.
  lambda('loop', 'while (true) {}', { reason: TIME }),
  lambda('recursion', 'return (function f() { return f(); })();', { reason: STACK }),
  lambda('huge result', "return 'x'.repeat(2e6);", { reason: TOO_LARGE }),
  lambda('throws', "throw new Error('lambda boom');", { reason: /^Error: lambda boom$/ }),
  lambda('never settles', 'return new Promise(() => {});', {
    reason: /^Script returned a promise that never settled$/,
  }),
  lambda('returns its input', 'return $.a * 2;', { result: 42 }, { a: 21 }),
  lambda('ends in a line comment', 'return 7; // done', { result: 7 }),

  // javascript SWITCH: the case is the expression's value.
  switchOn('loop', 'while (true) {}', { reason: /time limit of 1000 ms/ }),
  switchOn('huge value', "'x'.repeat(2e6)", { reason: /more than the limit of 1048576 bytes/ }),
  switchOn('recursion', '(function f() { return f(); })()', { reason: /maximum call stack size/ }),
  switchOn('rejected promise', 'Promise.reject(1)', { reason: /rejected promise: Script threw 1/ }),
  switchOn('plain case', "$.kind === 'a' ? 'first' : 'second'", { result: 'first' }, { kind: 'a' }),
  switchOn('object value', '({ a: 1 })', { result: '{"a":1}' }),

  // JSON_JQ_TRANSFORM.
  jq('repeat', 'repeat(1)', { reason: JQ_ENDLESS }),
  jq('[range(1e10)]', '[range(1e10)]', { reason: JQ_ENDLESS }),
  jq('range(1e10)', 'range(1e10)', { reason: JQ_ENDLESS }),
  jq('endless recursion', 'def f: f; f', { reason: JQ_TIME }),
  jq('huge array', '[range(300000)]', { reason: JQ_TOO_LARGE }),
  jq('huge string', '"x" * 3000000', { reason: JQ_TOO_LARGE }),
  jq('syntax error', '.a |||', { reason: /syntax error/ }),
  jq('error()', 'error("custom failure")', { reason: /^custom failure/ }),
  jq('plain path', '.v.k', { result: 1 }, { v: { k: 1 } }),
];
