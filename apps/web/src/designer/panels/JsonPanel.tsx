import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { jsonDefaults, monaco } from '../../ui/monaco-setup.js';
import { useTheme } from '../../ui/theme.js';
import { monacoTheme } from '../../ui/monaco-themes.js';
import { useDesigner, useDesignerStoreApi } from '../store/DesignerProvider.js';
import { selectReveal } from '../store/selectors.js';
import { useDesignerIssues } from '../store/useDesignerIssues.js';
import { WORKFLOW_DEF_SCHEMA } from './workflow-def-schema.js';
import { refRange, toDefOrError } from './json-text.js';

const MODEL_URI = 'inmemory://baton/workflow.json';
const OWNER = 'baton-designer';

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  schemas: [
    {
      uri: 'inmemory://baton/workflow-def.schema.json',
      fileMatch: [MODEL_URI],
      schema: WORKFLOW_DEF_SCHEMA,
    },
  ],
});

type Ed = Parameters<OnMount>[0];

/** The definition as JSON, synced both ways with the canvas. Invalid JSON never reaches the store. */
export default function JsonPanel() {
  const store = useDesignerStoreApi();
  const { theme } = useTheme();
  const reveal = useDesigner(selectReveal);
  const issues = useDesignerIssues();
  const editorRef = useRef<Ed | null>(null);
  const applying = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const pushFromStore = (ed: Ed) => {
    const text = JSON.stringify(store.getState().def, null, 2);
    if (ed.getValue() === text) return;
    applying.current = true;
    const model = ed.getModel();
    if (model) {
      ed.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      ed.pushUndoStop();
    }
    applying.current = false;
  };

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        const ed = editorRef.current;
        if (!ed) return;
        if (s.jsonTextNonce !== prev.jsonTextNonce) {
          const model = ed.getModel();
          if (model) monaco.editor.setModelMarkers(model, `${OWNER}-shape`, []);
          pushFromStore(ed);
        }
        // Unparsed text is never replaced silently: the designer asks first (and then discards it).
        else if (s.def !== prev.def && s.lastSource !== 'json' && !s.jsonError) pushFromStore(ed);
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  );

  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model || !reveal) return;
    const range = refRange(model.getValue(), reveal.ref);
    if (!range) return;
    const start = model.getPositionAt(range.start);
    const end = model.getPositionAt(range.end);
    const r = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    ed.setSelection(r);
    ed.revealRangeInCenter(r);
  }, [reveal]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const text = model.getValue();
    const markers = issues.flatMap((i) => {
      const range = i.ref ? refRange(text, i.ref) : undefined;
      if (!range) return [];
      const s = model.getPositionAt(range.start);
      const e = model.getPositionAt(range.end);
      return [
        {
          severity: monaco.MarkerSeverity.Warning,
          message: i.message,
          startLineNumber: s.lineNumber,
          startColumn: s.column,
          endLineNumber: e.lineNumber,
          endColumn: e.column,
        },
      ];
    });
    monaco.editor.setModelMarkers(model, OWNER, markers);
  }, [issues]);

  const onChange = (text: string | undefined) => {
    if (applying.current || text === undefined) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const model = editorRef.current?.getModel();
      const result = toDefOrError(text);
      if (result.type === 'error') {
        const pos = model?.getPositionAt(result.offset ?? 0);
        store.getState().setJsonError({
          message: result.message,
          line: pos?.lineNumber ?? 1,
          column: pos?.column ?? 1,
          text,
        });
        if (model && result.offset === undefined)
          monaco.editor.setModelMarkers(model, `${OWNER}-shape`, [
            {
              severity: monaco.MarkerSeverity.Error,
              message: result.message,
              startLineNumber: 1,
              startColumn: 1,
              endLineNumber: 1,
              endColumn: 2,
            },
          ]);
        return;
      }
      if (model) monaco.editor.setModelMarkers(model, `${OWNER}-shape`, []);
      store.getState().setJsonError(null);
      if (JSON.stringify(store.getState().def) !== JSON.stringify(result.def))
        store.getState().apply({ type: 'replaceDef', def: result.def }, 'json');
    }, 250);
  };

  return (
    <div className="json-panel" data-testid="json-panel">
      <Editor
        path={MODEL_URI}
        language="json"
        defaultValue={
          store.getState().jsonError?.text ?? JSON.stringify(store.getState().def, null, 2)
        }
        theme={monacoTheme(theme)}
        onChange={onChange}
        onMount={(ed) => {
          editorRef.current = ed;
          // Reopened with unparsed text: show that text, not the last valid draft.
          if (!store.getState().jsonError) pushFromStore(ed);
        }}
        options={{
          minimap: { enabled: false },
          fontSize: 12,
          tabSize: 2,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          ariaLabel: 'Workflow definition JSON',
          formatOnPaste: true,
        }}
      />
    </div>
  );
}
