import { type ReactNode, useEffect, useRef } from 'react';
import { trapTab } from '../../ui/focus-trap.js';

/** Props of the confirmation dialog. */
export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** A second way to go on (between Cancel and the main button), e.g. "Rename only". */
  secondary?: { label: string; onClick: () => void };
}

/** A modal that states what an operation will do; Escape or the backdrop cancels, Tab stays inside. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
  secondary,
}: ConfirmDialogProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onCancel()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        trapTab(e, dialogRef.current);
      }}
    >
      <div
        ref={dialogRef}
        className="dialog confirm-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
      >
        <header>
          <h2 id="confirm-title">{title}</h2>
        </header>
        <div className="dialog-body">{children}</div>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <footer>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          {secondary ? (
            <button type="button" className="button" onClick={secondary.onClick}>
              {secondary.label}
            </button>
          ) : null}
          <button
            ref={confirmRef}
            type="button"
            className={`button ${danger ? 'danger' : 'primary'}`}
            disabled={busy}
            onClick={onConfirm}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </footer>
      </div>
    </div>
  );
}
