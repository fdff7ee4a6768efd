// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { DefinitionListPage } from './DefinitionListPage.js';

interface Thing {
  name: string;
  size: number;
}

const loaded = { isPending: false, isError: false, error: null, isSuccess: true } as const;

/** The page over `rows`, whose delete runs `removeFn`; the editor shows what it edits. */
function Harness({
  rows,
  removeFn,
  removed,
}: {
  rows: Thing[];
  removeFn: (name: string) => Promise<void>;
  removed: string[];
}) {
  const remove = useMutation({
    mutationFn: async (name: string) => {
      await removeFn(name);
      removed.push(name);
    },
  });
  return (
    <DefinitionListPage<Thing>
      title="Things"
      description="All the things."
      newLabel="New thing"
      list={loaded}
      rows={rows}
      emptyText="No things yet."
      tableLabel="Things"
      columns={[
        { header: 'Name', cell: (t) => t.name },
        { header: 'Size', cell: (t) => t.size },
      ]}
      actionsLabel="Edit or delete"
      renderEditor={(original, onDone) => (
        <section aria-label="Thing editor">
          <p>{original ? `editing ${original.name}` : 'a new thing'}</p>
          <button type="button" onClick={onDone}>
            Done
          </button>
        </section>
      )}
      remove={remove}
      deleteTitle={(name) => `Delete thing ${name}?`}
      deleteBody={(name) => <p>{name} goes.</p>}
    />
  );
}

function renderPage(rows: Thing[], removeFn: (name: string) => Promise<void> = async () => {}) {
  const removed: string[] = [];
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness rows={rows} removeFn={removeFn} removed={removed} />
    </QueryClientProvider>,
  );
  return removed;
}

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

afterEach(cleanup);

describe('DefinitionListPage', () => {
  it('lists the rows by name with their columns', () => {
    renderPage([
      { name: 'b', size: 2 },
      { name: 'a', size: 1 },
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['a1 Edit Delete', 'b2 Edit Delete']);
  });

  it('says so when there is nothing to list', () => {
    renderPage([]);
    expect(screen.getByText('No things yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('opens the editor for a new one and for a row, and closes it when done', () => {
    renderPage([{ name: 'a', size: 1 }]);
    fireEvent.click(screen.getByRole('button', { name: 'New thing' }));
    expect(screen.getByText('a new thing')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit a' }));
    expect(screen.getByText('editing a')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Thing editor' })).toBeNull();
  });

  it('deletes only once confirmed, and closes the editor of the deleted one', async () => {
    const removed = renderPage([
      { name: 'a', size: 1 },
      { name: 'b', size: 2 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit a' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete a' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('Delete thing a?');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(removed).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete a' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await flush();
    expect(removed).toEqual(['a']);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('editing a')).toBeNull();
  });

  it('keeps the editor of another row open when one is deleted', async () => {
    renderPage([
      { name: 'a', size: 1 },
      { name: 'b', size: 2 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit b' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete a' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await flush();
    expect(screen.getByText('editing b')).toBeTruthy();
  });

  it('hostile: a failed delete keeps the dialog open with the reason, cleared on cancel', async () => {
    const removed = renderPage([{ name: 'a', size: 1 }], async () => {
      throw new Error('a is in use');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete a' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await flush();
    expect(removed).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('a is in use');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete a' }));
    await flush();
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
