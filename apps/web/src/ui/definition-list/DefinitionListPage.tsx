/**
 * The page of a kind of named definitions (schedules, event handlers, task definitions): a
 * heading with a New button, the editor when one is open, the table of definitions by name with
 * Edit and Delete on each row, and the confirmation before a delete. Each page gives only what
 * differs: its words, columns, editor, extra row actions and what comes before or after the list.
 * @module
 */
import { Fragment, useState, type ReactNode } from 'react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { Pencil, Plus, Trash2, type LucideIcon } from 'lucide-react';
import { ConfirmDialog } from '../../executions/shared/ConfirmDialog.js';
import { errorLines } from './error-lines.js';
import './definition-list.css';

/** One column of the definitions table. */
export interface DefinitionColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** Props of `DefinitionListPage`. */
export interface DefinitionListPageProps<T extends { name: string }> {
  title: string;
  description: ReactNode;
  /** The New button's label, e.g. `New schedule`. */
  newLabel: string;
  newIcon?: LucideIcon;
  /** The list query: its loading and failure show in the table's card. */
  list: Pick<UseQueryResult<T[]>, 'isPending' | 'isError' | 'error' | 'isSuccess'>;
  /** The definitions to show (the page sorts them by name). */
  rows: readonly T[];
  /** What the card says when `rows` is empty. */
  emptyText: ReactNode;
  /** The table's accessible name. */
  tableLabel: string;
  columns: readonly DefinitionColumn<T>[];
  /** The accessible name of the actions column, e.g. `Edit or delete`. */
  actionsLabel: string;
  /** Buttons of a row placed before Edit and Delete. */
  rowActions?: (row: T) => ReactNode;
  rowTestId?: (row: T) => string;
  /** The editor of `original` (null: a new one); it calls `onDone` on save or cancel. */
  renderEditor: (original: T | null, onDone: () => void) => ReactNode;
  /** Deletes a definition by name (the page refreshes its list on success). */
  remove: UseMutationResult<unknown, Error, string>;
  deleteTitle: (name: string) => string;
  /** What the delete confirmation says will happen. */
  deleteBody: (name: string) => ReactNode;
  /** Shown between the editor and the table (a search field, an error). */
  beforeList?: ReactNode;
  /** Shown after the table (related records). */
  afterList?: ReactNode;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The list-and-editor page of one kind of named definitions. */
export function DefinitionListPage<T extends { name: string }>(props: DefinitionListPageProps<T>) {
  const { list, remove, columns } = props;
  const NewIcon = props.newIcon ?? Plus;
  const [editing, setEditing] = useState<{ original: T | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const rows = [...props.rows].sort(byName);
  const askDelete = (name: string) => {
    remove.reset();
    setDeleting(name);
  };
  const confirmDelete = (name: string) =>
    remove.mutate(name, {
      onSuccess: () => {
        if (editing?.original?.name === name) setEditing(null);
        setDeleting(null);
      },
    });
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{props.title}</h1>
          <p className="muted">{props.description}</p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button primary"
            onClick={() => setEditing({ original: null })}
          >
            <NewIcon size={15} aria-hidden /> {props.newLabel}
          </button>
        </div>
      </div>
      {editing ? (
        <Fragment key={editing.original ? `edit:${editing.original.name}` : 'new'}>
          {props.renderEditor(editing.original, () => setEditing(null))}
        </Fragment>
      ) : null}
      {props.beforeList}
      <div className="card">
        {list.isPending ? <p className="muted pad">Loading…</p> : null}
        {list.isError ? (
          <p className="error-text pad">Cannot reach the server: {list.error?.message}</p>
        ) : null}
        {list.isSuccess && rows.length === 0 ? (
          <p className="muted pad">{props.emptyText}</p>
        ) : null}
        {rows.length > 0 ? (
          <table className="table" aria-label={props.tableLabel}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header}>{c.header}</th>
                ))}
                <th aria-label={props.actionsLabel} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name} data-testid={props.rowTestId?.(row)}>
                  {columns.map((c) => (
                    <td key={c.header} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                  <td>
                    <div className="chips definition-actions">
                      {props.rowActions?.(row)}
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Edit ${row.name}`}
                        onClick={() => setEditing({ original: row })}
                      >
                        <Pencil size={14} aria-hidden /> Edit
                      </button>
                      <button
                        type="button"
                        className="button ghost"
                        aria-label={`Delete ${row.name}`}
                        onClick={() => askDelete(row.name)}
                      >
                        <Trash2 size={14} aria-hidden /> Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      {props.afterList}
      {deleting !== null ? (
        <ConfirmDialog
          title={props.deleteTitle(deleting)}
          confirmLabel="Delete"
          danger
          busy={remove.isPending}
          error={remove.error ? errorLines(remove.error).join(' ') : null}
          onConfirm={() => confirmDelete(deleting)}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
        >
          {props.deleteBody(deleting)}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
