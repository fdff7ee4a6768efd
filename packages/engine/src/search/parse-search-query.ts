/**
 * Parses Conductor's search `query` syntax (docs/conductor-compatibility.md#search) into a
 * SearchExpression.
 * @module
 */
import { batonError } from '../errors.js';
import type { SearchExpression, SearchOperator } from './search-query.js';

type Token =
  | { kind: 'punct'; text: '(' | ')' | ','; at: number }
  | { kind: 'op'; text: '=' | '!=' | '>' | '<'; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'word'; text: string; at: number };

const NUMBER = /^-?\d+(\.\d+)?$/;
const FIELD = /^[A-Za-z_][\w.]*$/;

/**
 * Parses `query` into a SearchExpression, or returns null for an empty query (or `*`): everything.
 * Grammar: `expr := cond ((AND|OR) expr)?` with parentheses for grouping. Like Conductor's parser
 * there is no precedence: the right-hand side binds first, so `a AND b OR c` is `a AND (b OR c)`;
 * use parentheses to be explicit. Conditions: `field = v`, `!=`, `>`, `<`, `IN (a,b)`,
 * `BETWEEN x AND y`, `IS null`, `IS not null`, `STARTS_WITH 'p'`. Values are single- or
 * double-quoted strings, numbers (epoch ms for times) or bare words; `*` in a `=` value is a wildcard.
 * @throws BatonError REQUEST_INVALID naming the position of a syntax error.
 * @example parseSearchQuery("status IN (RUNNING,FAILED) AND startTime > 1700000000000")
 */
export function parseSearchQuery(query: string): SearchExpression | null {
  const text = query.trim();
  if (text === '' || text === '*') return null;
  const parser = new QueryParser(query, tokenize(query));
  const expr = parser.parseExpression();
  parser.expectEnd();
  return expr;
}

function syntaxError(query: string, reason: string, at: number): never {
  const message = `Invalid search query: ${reason} at position ${at}`;
  throw batonError('REQUEST_INVALID', message, {
    details: { query, position: at },
    validationErrors: [{ path: 'query', message, invalidValue: query }],
  });
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at: i });
      i += 1;
    } else if (c === '!' && query[i + 1] === '=') {
      tokens.push({ kind: 'op', text: '!=', at: i });
      i += 2;
    } else if (c === '=' || c === '>' || c === '<') {
      tokens.push({ kind: 'op', text: c, at: i });
      i += 1;
    } else if (c === '"' || c === "'") {
      const end = query.indexOf(c, i + 1);
      if (end < 0) syntaxError(query, 'unclosed quote', i);
      tokens.push({ kind: 'string', text: query.slice(i + 1, end), at: i });
      i = end + 1;
    } else {
      const start = i;
      while (i < query.length && !/[\s(),=<>!"']/.test(query[i] as string)) i += 1;
      if (i === start) syntaxError(query, `unexpected '${c}'`, i);
      tokens.push({ kind: 'word', text: query.slice(start, i), at: start });
    }
  }
  return tokens;
}

class QueryParser {
  private pos = 0;
  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  parseExpression(): SearchExpression {
    const left = this.parsePrimary();
    const joiner = this.peekKeyword('AND') ? 'and' : this.peekKeyword('OR') ? 'or' : null;
    if (!joiner) return left;
    this.pos += 1;
    const right = this.parseExpression();
    const items = [left, ...(right.type === joiner ? right.items : [right])];
    return { type: joiner, items };
  }

  expectEnd(): void {
    const extra = this.tokens[this.pos];
    if (extra)
      syntaxError(this.query, `unexpected '${extra.text}' (expected AND, OR or the end)`, extra.at);
  }

  private parsePrimary(): SearchExpression {
    const token = this.next('a condition or (');
    if (token.kind === 'punct' && token.text === '(') {
      const inner = this.parseExpression();
      this.expectPunct(')');
      return inner;
    }
    if (token.kind !== 'word' || !FIELD.test(token.text)) {
      syntaxError(this.query, `expected a field name but found '${token.text}'`, token.at);
    }
    return this.parseCondition(token.text);
  }

  private parseCondition(field: string): SearchExpression {
    const token = this.next('an operator');
    const cond = (op: SearchOperator, values: Array<string | number>): SearchExpression => ({
      type: 'condition',
      field,
      op,
      values,
    });
    if (token.kind === 'op') return cond(token.text, [this.parseValue()]);
    const keyword = token.kind === 'word' ? token.text.toUpperCase() : '';
    if (keyword === 'IN') {
      this.expectPunct('(');
      const values = [this.parseValue()];
      while (this.peekPunct(',')) {
        this.pos += 1;
        values.push(this.parseValue());
      }
      this.expectPunct(')');
      return cond('IN', values);
    }
    if (keyword === 'BETWEEN') {
      const low = this.parseValue();
      if (!this.peekKeyword('AND')) this.fail('expected AND in BETWEEN x AND y');
      this.pos += 1;
      return cond('BETWEEN', [low, this.parseValue()]);
    }
    if (keyword === 'IS') {
      const negated = this.peekKeyword('NOT');
      if (negated) this.pos += 1;
      if (!this.peekKeyword('NULL')) this.fail('expected null or not null after IS');
      this.pos += 1;
      return cond(negated ? 'IS_NOT_NULL' : 'IS_NULL', []);
    }
    if (keyword === 'STARTS_WITH') return cond('STARTS_WITH', [this.parseValue()]);
    return syntaxError(
      this.query,
      `expected =, !=, >, <, IN, BETWEEN, IS or STARTS_WITH after ${field} but found '${token.text}'`,
      token.at,
    );
  }

  private parseValue(): string | number {
    const token = this.next('a value');
    if (token.kind === 'string') return token.text;
    if (token.kind !== 'word')
      syntaxError(this.query, `expected a value but found '${token.text}'`, token.at);
    return NUMBER.test(token.text) ? Number(token.text) : token.text;
  }

  private next(expected: string): Token {
    const token = this.tokens[this.pos];
    if (!token)
      syntaxError(this.query, `expected ${expected} but the query ended`, this.query.length);
    this.pos += 1;
    return token;
  }

  private fail(reason: string): never {
    return syntaxError(this.query, reason, this.tokens[this.pos]?.at ?? this.query.length);
  }

  private peekKeyword(word: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }

  private peekPunct(text: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: '(' | ')'): void {
    const token = this.next(`'${text}'`);
    if (token.kind !== 'punct' || token.text !== text) {
      syntaxError(this.query, `expected '${text}' but found '${token.text}'`, token.at);
    }
  }
}
