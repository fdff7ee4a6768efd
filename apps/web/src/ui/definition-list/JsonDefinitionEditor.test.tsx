// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useJsonDefinitionDraft } from './JsonDefinitionEditor.js';
import { parseJsonObject, prettyJson } from './json-object-text.js';

interface Thing {
  name: string;
  size?: number;
}

/** The draft hook over `original`, recording what it saves and whether it finished. */
function renderDraft(original: Thing | null, fail?: Error) {
  const saved: [Thing, boolean][] = [];
  let done = 0;
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    () =>
      useJsonDefinitionDraft<Thing>({
        noun: 'thing',
        original,
        toText: prettyJson,
        newText: () => prettyJson({ name: '' }),
        parse: (text) => parseJsonObject(text, 'thing'),
        save: async (thing, isNew) => {
          if (fail) throw fail;
          saved.push([thing, isNew]);
        },
        listKey: ['things'],
        onDone: () => (done += 1),
      }),
    { wrapper },
  );
  return { hook, saved, done: () => done };
}

describe('useJsonDefinitionDraft', () => {
  it('starts from the new text or the stored definition', () => {
    expect(renderDraft(null).hook.result.current.text).toBe('{\n  "name": ""\n}');
    const { result } = renderDraft({ name: 'a', size: 1 }).hook;
    expect(result.current.parsed).toEqual({ ok: true, value: { name: 'a', size: 1 } });
  });

  it('saves a new one as new, and an edit as an edit, then is done', async () => {
    const fresh = renderDraft(null);
    act(() => fresh.hook.result.current.setText('{"name":"b"}'));
    act(() => fresh.hook.result.current.submit());
    await waitFor(() => expect(fresh.done()).toBe(1));
    expect(fresh.saved).toEqual([[{ name: 'b' }, true]]);

    const edit = renderDraft({ name: 'a' });
    act(() => edit.hook.result.current.setText('{"name":"a","size":2}'));
    act(() => edit.hook.result.current.submit());
    await waitFor(() => expect(edit.done()).toBe(1));
    expect(edit.saved).toEqual([[{ name: 'a', size: 2 }, false]]);
  });

  it('hostile: unparsable text or a renamed edit is refused before the server', () => {
    const { hook, saved, done } = renderDraft({ name: 'a' });
    act(() => hook.result.current.setText('[1]'));
    act(() => hook.result.current.submit());
    expect(hook.result.current.errors).toEqual(['Invalid thing: the JSON must be an object']);
    act(() => hook.result.current.setText('{"name":"b"}'));
    act(() => hook.result.current.submit());
    expect(hook.result.current.errors).toEqual([
      'Invalid thing: name cannot change on edit (it is the key); create a new thing instead',
    ]);
    expect(saved).toEqual([]);
    expect(done()).toBe(0);
  });

  it('hostile: a server refusal shows as the errors and keeps the editor open', async () => {
    const { hook, done } = renderDraft(null, new Error('refused'));
    act(() => hook.result.current.submit());
    await waitFor(() => expect(hook.result.current.errors).toEqual(['refused']));
    expect(done()).toBe(0);
  });
});
