import { describe, expect, it } from 'vitest';
import { isValidJsonPath, readJsonPath } from './json-path.js';

const doc = {
  store: {
    book: [
      { category: 'reference', author: 'Rees', title: 'Sayings', price: 8.95, ok: true },
      { category: 'fiction', author: 'Waugh', title: 'Sword', price: 12.99, ok: false },
      { category: 'fiction', author: 'Melville', title: 'Moby Dick', isbn: '0-553', price: 8.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
    'odd key': 'odd',
  },
  empty: [],
  nothing: null,
};

describe('readJsonPath', () => {
  it.each([
    ['store.bicycle.color', 'red'],
    ["store['odd key']", 'odd'],
    ['store["bicycle"].price', 19.95],
    ['$.store.bicycle.color', 'red'],
    ['store.book[0].author', 'Rees'],
    ['store.book[-1].author', 'Melville'],
    ['store.book[5].author', null],
    ['store.missing', null],
    ['store.missing.deeper', null],
    ['nothing', null],
    ['nothing.x', null],
    ['store.book.length()', 3],
    ['store.book.size()', 3],
    ['store.bicycle.length()', 2],
    ['empty.length()', 0],
    ['store.book[*].author', ['Rees', 'Waugh', 'Melville']],
    ['store.book[0,2].title', ['Sayings', 'Moby Dick']],
    ['store.book[1:].title', ['Sword', 'Moby Dick']],
    ['store.book[:1].title', ['Sayings']],
    ['store.book[-2:].title', ['Sword', 'Moby Dick']],
    ['store..price', [8.95, 12.99, 8.99, 19.95]],
    ['store.book[?(@.price < 10)].title', ['Sayings', 'Moby Dick']],
    ['store.book[?(@.ok == true)].title', ['Sayings']],
    ['store.book[?(@.isbn)].title', ['Moby Dick']],
    ["store.book[?(@.category == 'fiction' && @.price > 10)].author", ['Waugh']],
    ["store.book[?(@.category != 'fiction' || @.price > 12)].author", ['Rees', 'Waugh']],
    ["store.book[?(@.author in ['Rees', 'Melville'])].price", [8.95, 8.99]],
    ["store.book[?(@.author nin ['Rees'])].price", [12.99, 8.99]],
    ['store.book[?(@.title =~ /moby.*/i)].author', ['Melville']],
    ['store.book[?(!(@.price < 10))].author', ['Waugh']],
    ['store.book[?(@.price > $.store.bicycle.price)].author', []],
    ['store.book[*].missing', []],
    ['store.book[*].price.max()', 12.99],
    ['store.book[*].price.min()', 8.95],
    ['store.bicycle.keys()', ['color', 'price']],
    ['store.book.*.category', ['reference', 'fiction', 'fiction']],
  ])('reads %s', (path, expected) => {
    expect(readJsonPath(doc, path)).toEqual(expected);
  });

  it('reads dashed names in dotted form and compares against the root in filters', () => {
    const data = { 'my-ref': { output: { v: 1 } }, limit: 9, rows: [{ n: 5 }, { n: 10 }] };
    expect(readJsonPath(data, 'my-ref.output.v')).toBe(1);
    expect(readJsonPath(data, 'rows[?(@.n < $.limit)].n')).toEqual([5]);
    expect(readJsonPath(data, 'rows[?(@.n >= 5 && @.n <= 5)].n')).toEqual([5]);
    expect(readJsonPath(data, "rows[?(@.n == '5')].n")).toEqual([]);
  });

  it('returns null instead of throwing for an invalid path', () => {
    expect(readJsonPath(doc, 'store.bad name')).toBeNull();
    expect(readJsonPath(doc, 'store.book[')).toBeNull();
    expect(isValidJsonPath('store.book[')).toBe(false);
    expect(isValidJsonPath('store.book[0].x')).toBe(true);
  });

  it('treats a property on a list as missing in a definite path', () => {
    expect(readJsonPath(doc, 'store.book.author')).toBeNull();
  });

  it('keeps an existing null value in an indefinite result', () => {
    expect(readJsonPath({ a: [{ x: null }, { y: 1 }] }, 'a[*].x')).toEqual([null]);
  });
});
