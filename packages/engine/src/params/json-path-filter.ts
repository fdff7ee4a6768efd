/**
 * Jayway filter predicates (`[?(@.price < 10 && @.ok == true)]`): parsing and evaluation.
 * @module
 */

/** A filter predicate or operand. Paths are kept as text and read through a callback. */
export type FilterExpr =
  | { type: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { type: 'not'; operand: FilterExpr }
  | { type: 'compare'; op: string; left: FilterExpr; right: FilterExpr }
  | { type: 'path'; path: string }
  | { type: 'literal'; value: unknown }
  | { type: 'regex'; regex: RegExp };

const OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>'];
const WORD_OPERATORS = ['nin', 'in', 'contains', 'size', 'empty', 'subsetof', 'anyof', 'noneof'];

/** Parses the text between `[?(` and `)]`. Throws an Error on a syntax error. */
export function parseFilter(text: string): FilterExpr {
  const parser = new FilterParser(text);
  const expr = parser.parseOr();
  parser.skipSpaces();
  if (parser.pos < text.length) throw new Error(`Unexpected '${text.slice(parser.pos)}' in filter`);
  return expr;
}

class FilterParser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }

  private take(token: string): boolean {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.take('||')) left = { type: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.take('&&')) left = { type: 'and', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): FilterExpr {
    if (this.take('!')) return { type: 'not', operand: this.parseUnary() };
    if (this.take('(')) {
      const inner = this.parseOr();
      if (!this.take(')')) throw new Error('Missing ) in filter');
      return inner;
    }
    const left = this.parseOperand();
    this.skipSpaces();
    const symbol = OPERATORS.find((op) => this.text.startsWith(op, this.pos));
    const word = WORD_OPERATORS.find((op) =>
      new RegExp(`^${op}\\b`).test(this.text.slice(this.pos)),
    );
    const op = symbol ?? word;
    if (!op) return left;
    this.pos += op.length;
    return { type: 'compare', op, left, right: this.parseOperand() };
  }

  private parseOperand(): FilterExpr {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '@' || c === '$') return { type: 'path', path: this.readPathText() };
    if (c === "'" || c === '"') return { type: 'literal', value: this.readString(c) };
    if (c === '/') return this.readRegex();
    if (c === '[') return { type: 'literal', value: this.readArray() };
    const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (!match) throw new Error(`Unexpected '${this.text.slice(this.pos)}' in filter`);
    this.pos += match[0].length;
    return { type: 'literal', value: JSON.parse(match[0]) as unknown };
  }

  private readPathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    for (; this.pos < this.text.length; this.pos += 1) {
      const c = this.text[this.pos] as string;
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth += 1;
      else if (depth > 0 && (c === ']' || c === ')')) depth -= 1;
      else if (depth === 0 && ' =!<>&|)'.includes(c)) break;
    }
    return this.text.slice(start, this.pos);
  }

  private readString(quote: string): string {
    let value = '';
    this.pos += 1;
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      if (this.text[this.pos] === '\\') this.pos += 1;
      value += this.text[this.pos] ?? '';
      this.pos += 1;
    }
    if (this.pos >= this.text.length) throw new Error('Unclosed string in filter');
    this.pos += 1;
    return value;
  }

  private readRegex(): FilterExpr {
    const end = this.text.indexOf('/', this.pos + 1);
    if (end < 0) throw new Error('Unclosed regex in filter');
    const source = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    const flags = /^[a-z]*/.exec(this.text.slice(this.pos))?.[0] ?? '';
    this.pos += flags.length;
    return { type: 'regex', regex: new RegExp(source, flags.replace(/[^imsu]/g, '')) };
  }

  private readArray(): unknown[] {
    this.pos += 1;
    const items: unknown[] = [];
    while (!this.take(']')) {
      const item = this.parseOperand();
      if (item.type !== 'literal') throw new Error('Only literals are allowed in a filter list');
      items.push(item.value);
      this.take(',');
      if (this.pos >= this.text.length) throw new Error('Unclosed list in filter');
    }
    return items;
  }
}

/** Reads a `@...`/`$...` operand for `node`; undefined when the path does not exist. */
export type FilterPathReader = (path: string, node: unknown) => unknown;

/** True when `node` satisfies `expr`. */
export function testFilter(expr: FilterExpr, node: unknown, read: FilterPathReader): boolean {
  switch (expr.type) {
    case 'and':
      return testFilter(expr.left, node, read) && testFilter(expr.right, node, read);
    case 'or':
      return testFilter(expr.left, node, read) || testFilter(expr.right, node, read);
    case 'not':
      return !testFilter(expr.operand, node, read);
    case 'path':
      return read(expr.path, node) !== undefined;
    case 'literal':
      return expr.value === true;
    case 'regex':
      return false;
    case 'compare':
      return compare(expr.op, operandValue(expr.left, node, read), expr.right, node, read);
  }
}

function operandValue(expr: FilterExpr, node: unknown, read: FilterPathReader): unknown {
  if (expr.type === 'path') return read(expr.path, node);
  if (expr.type === 'literal') return expr.value;
  if (expr.type === 'regex') return expr.regex;
  return testFilter(expr, node, read);
}

function compare(
  op: string,
  left: unknown,
  rightExpr: FilterExpr,
  node: unknown,
  read: FilterPathReader,
): boolean {
  const right = operandValue(rightExpr, node, read);
  if (left === undefined) return op === '!=' || op === 'nin';
  switch (op) {
    case '==':
      return jsonEquals(left, right);
    case '!=':
      return !jsonEquals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, left, right);
    case '=~':
      return right instanceof RegExp && typeof left === 'string' && right.test(left);
    case 'in':
      return Array.isArray(right) && right.some((r) => jsonEquals(left, r));
    case 'nin':
      return Array.isArray(right) && !right.some((r) => jsonEquals(left, r));
    case 'contains':
      if (typeof left === 'string') return typeof right === 'string' && left.includes(right);
      return Array.isArray(left) && left.some((l) => jsonEquals(l, right));
    case 'size':
      return (Array.isArray(left) || typeof left === 'string') && left.length === right;
    case 'empty':
      return (Array.isArray(left) || typeof left === 'string') && (left.length === 0) === right;
    case 'subsetof':
      return (
        Array.isArray(left) &&
        Array.isArray(right) &&
        left.every((l) => right.some((r) => jsonEquals(l, r)))
      );
    case 'anyof':
      return (
        Array.isArray(left) &&
        Array.isArray(right) &&
        left.some((l) => right.some((r) => jsonEquals(l, r)))
      );
    case 'noneof':
      return (
        Array.isArray(left) &&
        Array.isArray(right) &&
        !left.some((l) => right.some((r) => jsonEquals(l, r)))
      );
    default:
      return false;
  }
}

function ordered(op: string, left: unknown, right: unknown): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const l = left as number | string;
  const r = right as number | string;
  if (op === '<') return l < r;
  if (op === '<=') return l <= r;
  if (op === '>') return l > r;
  return l >= r;
}

/** Structural equality of JSON values. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEquals(ra[k], rb[k]));
}
