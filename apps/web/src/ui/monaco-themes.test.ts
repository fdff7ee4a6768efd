import { describe, expect, it } from 'vitest';
import { MONACO_THEMES, monacoTheme } from './monaco-themes.js';

type Rgba = [number, number, number, number];

/** `#rrggbb` or `#rrggbbaa` (or without the hash, as token rules write it). */
function parse(hex: string): Rgba {
  const h = hex.replace(/^#/, '');
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) throw new Error(`not a colour: ${hex}`);
  const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
  return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
}

/** A translucent colour laid over an opaque one. */
function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba;
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgba): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('Monaco themes', () => {
  for (const name of ['baton-light', 'baton-dark']) {
    const theme = MONACO_THEMES[name]!;
    const color = (key: string) => parse(theme.colors[key]!);
    const editor = color('editor.background');
    const lines: Record<string, Rgba> = {
      plain: editor,
      'inserted line': over(color('diffEditor.insertedLineBackground'), editor),
      'removed line': over(color('diffEditor.removedLineBackground'), editor),
    };
    lines['inserted text'] = over(
      color('diffEditor.insertedTextBackground'),
      lines['inserted line']!,
    );
    lines['removed text'] = over(color('diffEditor.removedTextBackground'), lines['removed line']!);
    const tokens = theme.rules.map((r) => [r.token || 'default', r.foreground!] as const);
    for (const [key, value] of Object.entries(theme.colors))
      if (key === 'editor.foreground' || key.startsWith('editorBracketHighlight.foreground'))
        tokens.push([key, value]);

    it(`${name}: every token and bracket colour keeps 4.5:1 on plain, inserted and removed lines and text`, () => {
      expect(tokens.filter(([k]) => k.startsWith('editorBracket'))).toHaveLength(3);
      const low: string[] = [];
      for (const [where, bg] of Object.entries(lines))
        for (const [token, fg] of tokens) {
          const ratio = contrast(parse(fg), bg);
          if (ratio < 4.5) low.push(`${token} on ${where}: ${ratio.toFixed(2)}`);
        }
      expect(low).toEqual([]);
    });

    it(`${name}: line numbers keep 4.5:1 in the gutter of inserted and removed lines`, () => {
      const fg = color('editorLineNumber.foreground');
      for (const key of [
        'diffEditorGutter.insertedLineBackground',
        'diffEditorGutter.removedLineBackground',
      ])
        expect(contrast(fg, over(color(key), editor))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(fg, editor)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('the check itself fails Monaco’s default removed-text highlight with its green numbers', () => {
    // vs: numbers #098658; removed line #ff000033 under removed text #ff000033 (Monaco 0.55).
    const bg = over(parse('#ff000033'), over(parse('#ff000033'), parse('#ffffff')));
    expect(contrast(parse('#098658'), bg)).toBeLessThan(4.5);
  });

  it('maps the app theme to its Monaco theme', () => {
    expect(monacoTheme('light')).toBe('baton-light');
    expect(monacoTheme('dark')).toBe('baton-dark');
    expect(Object.keys(MONACO_THEMES).sort()).toEqual(['baton-dark', 'baton-light']);
  });
});
