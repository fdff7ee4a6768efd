import { useEffect, useRef, useState } from 'react';
import { toDefOrError } from '../panels/json-text.js';
import type { WorkflowDef } from '@baton/engine';

/**
 * Importing a Conductor workflow JSON: a hidden file input and drag-and-drop of a file anywhere
 * on the page. `onImport` decides where a parsed definition goes (see the designer's openImported).
 */
export function useFileImport(
  onImport: (def: WorkflowDef, source: string) => void,
  notify: (m: string) => void,
  /** A `<name>.tests.json` sidecar (test cases) rather than a definition. */
  onTestsFile?: (text: string, source: string) => void,
) {
  const [input, setInput] = useState<HTMLInputElement | null>(null);
  const importText = (text: string, source: string) => {
    if (onTestsFile && source.endsWith('.tests.json')) return onTestsFile(text, source);
    const result = toDefOrError(text);
    if (result.type === 'error') {
      notify(`Cannot import ${source}: ${result.message}`);
      return;
    }
    onImport(result.def, source);
  };
  const importRef = useRef(importText);
  useEffect(() => {
    importRef.current = importText;
  });
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void file.text().then((t) => importRef.current(t, file.name));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  const onFileChange = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void file.text().then((t) => importText(t, file.name));
  };
  return { setInput, onFileChange, openPicker: () => input?.click() };
}
