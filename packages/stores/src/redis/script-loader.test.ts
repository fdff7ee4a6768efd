import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandIncludes } from './script-loader.js';

const LIBS: Record<string, string> = {
  a: 'local function a() end\n',
  b: '--#include a\nlocal function b() end\n',
  loop: '--#include loop\n',
};
const read = (name: string): string | undefined => LIBS[name];

describe('expandIncludes', () => {
  it('replaces an include line by the lib, and includes inside libs too', () => {
    const lua = 'local x = 1\n--#include b\nreturn x\n';
    expect(expandIncludes(lua, 'x-1.lua', [], read)).toBe(
      'local x = 1\nlocal function a() end\nlocal function b() end\nreturn x\n',
    );
  });

  it('fails with the script and the missing file for an unknown include', () => {
    expect(() => expandIncludes('--#include nope\n', 'x-1.lua', [], read)).toThrow(
      /x-1\.lua: --#include nope has no file .*lua\/lib\/nope\.lua/,
    );
  });

  it('fails on a malformed include line and on an include cycle', () => {
    expect(() => expandIncludes('--#include\n', 'x-1.lua', [], read)).toThrow(/invalid/);
    expect(() => expandIncludes('--#include a b\n', 'x-1.lua', [], read)).toThrow(/invalid/);
    expect(() => expandIncludes('--#include loop\n', 'x-1.lua', [], read)).toThrow(/cycle/);
  });

  it('expands every script of ./lua with the libs of ./lua/lib', () => {
    const dir = fileURLToPath(new URL('./lua/', import.meta.url));
    const scripts = readdirSync(dir).filter((file) => file.endsWith('.lua'));
    for (const file of scripts) {
      const lua = expandIncludes(readFileSync(`${dir}${file}`, 'utf8'), file);
      expect(lua).not.toMatch(/^--#include/m);
    }
    const push = expandIncludes(readFileSync(`${dir}pushMessages-3.lua`, 'utf8'), 'push');
    expect(push).toContain('local function pushMessage(');
  });
});
