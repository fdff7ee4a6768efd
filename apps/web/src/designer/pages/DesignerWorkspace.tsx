import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useBlocker, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import type { WorkflowDef } from '@baton/engine';
import type { NodeMark } from '../model/def-to-graph.js';
import { useBatonClient } from '../../app/providers.js';
import { groupVersions, workflowDefsQuery } from '../../api/queries.js';
import { useDeleteWorkflowDef } from '../../api/mutations.js';
import { useTheme } from '../../ui/theme.js';
import { PageSpinner } from '../../ui/PageSpinner.js';
import { DesignerCanvas } from '../canvas/DesignerCanvas.js';
import type { CanvasCallbacks } from '../canvas/canvas-callbacks.js';
import { getAction, runAction } from '../actions/registry.js';
import { addTask } from '../actions/add-task.js';
import type { ActionContext, DesignerAction, DesignerUi } from '../actions/types.js';
import { taskKind, type TaskKind } from '../model/task-catalog.js';
import { insertionAfter } from '../model/clipboard-tasks.js';
import type { Position } from '../model/slots.js';
import { taskNodeId } from '../model/layout.js';
import { useDesigner, useDesignerStoreApi } from '../store/DesignerProvider.js';
import { selectBaseline, selectDef, selectIsDirty } from '../store/selectors.js';
import { TaskPalette } from '../panels/TaskPalette.js';
import { InsertMenu } from '../panels/InsertMenu.js';
import { TaskInspector } from '../panels/inspector/TaskInspector.js';
import { WorkflowSettings } from '../panels/WorkflowSettings.js';
import { ProblemsPanel } from '../panels/ProblemsPanel.js';
import { CommandPalette } from '../panels/CommandPalette.js';
import { SaveDialog } from '../panels/SaveDialog.js';
import { download, exportCanvasImage, exportFileName, toExportJson } from '../io/file-io.js';
import { writeDraft } from '../io/draft-storage.js';
import { useOpenAsNewDraft } from '../io/useOpenAsNewDraft.js';
import { FindDialog, type FindItem } from '../../ui/FindDialog.js';
import { focusNodeSoon } from '../../ui/graph-nav.js';
import { useSkipTarget } from '../../ui/SkipLink.js';
import { walkTasks } from '../model/slots.js';
import { ConfirmDialog } from '../../executions/shared/ConfirmDialog.js';
import type { DesignerState } from '../store/designer-store.js';
import { DesignerToolbar } from './DesignerToolbar.js';
import { useDesignerKeyboard } from './useDesignerKeyboard.js';
import { useSaveFlow } from './useSaveFlow.js';
import { useFileImport } from './useFileImport.js';
import { useWorkflowTests } from '../tests/useWorkflowTests.js';
import { TestsPanel } from '../tests/TestsPanel.js';
import { SaveTestResults } from '../tests/SaveTestResults.js';
import { parseTestsSidecar, testsFileName, toTestsSidecar } from '../tests/sidecar.js';

const JsonPanel = lazy(() => import('../panels/JsonPanel.js'));

type RightTab = 'properties' | 'workflow' | 'json' | 'run' | 'tests';

/**
 * A run laid over the designer (debugging a failed execution): marks on the nodes and a "Run" tab
 * in the inspector, opened first.
 */
export interface RunOverlay {
  marks: ReadonlyMap<string, NodeMark>;
  /** The Run tab's content. */
  panel: ReactNode;
}

/** Every task of the definition as a Find entry (reference name, with name and type). */
function taskFindItems(def: WorkflowDef): FindItem[] {
  const items: FindItem[] = [];
  walkTasks(def, ({ task }) => {
    if (!task.taskReferenceName || items.some((i) => i.id === task.taskReferenceName)) return;
    items.push({
      id: task.taskReferenceName,
      label: task.taskReferenceName,
      detail: `${task.name} · ${task.type ?? 'SIMPLE'}`,
      group: 'Task',
      code: true,
    });
  });
  return items;
}

/** The highest stored version of a name (the open baseline counts even before the list loads). */
function latestStored(versions: number[], baseline: WorkflowDef | null): number | null {
  const all = baseline ? [...versions, baseline.version ?? 1] : versions;
  return all.length ? Math.max(...all) : null;
}

/** The canvas element's id: where the page's "Skip to canvas" link goes. */
const CANVAS_ID = 'designer-canvas';

/** Gives the canvas the keyboard again (after a menu or palette it opened closes). */
function focusCanvas(): void {
  document.querySelector<HTMLElement>('[data-testid="canvas"]')?.focus({ preventScroll: true });
}

/** The designer screen: toolbar, palette, canvas, problems, inspector/JSON, and its dialogs. */
export function DesignerWorkspace({
  draftKey,
  notice,
  run,
}: {
  draftKey: string;
  notice: string | null;
  run?: RunOverlay;
}) {
  const store = useDesignerStoreApi();
  const flow = useReactFlow();
  const navigate = useNavigate();
  useSkipTarget(CANVAS_ID);
  const client = useBatonClient();
  const { theme, toggle } = useTheme();
  const def = useDesigner(selectDef);
  const baseline = useDesigner(selectBaseline);
  const dirty = useDesigner(selectIsDirty);
  const [tab, setTab] = useState<RightTab>(run ? 'run' : 'properties');
  const [insert, setInsert] = useState<{
    position: Position;
    anchor: { x: number; y: number };
  } | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(false);
  const [toast, setToast] = useState<string | null>(notice);
  const saveFlow = useSaveFlow(store, draftKey);
  const showSave = saveFlow.show;
  // An edit made outside the JSON editor while its text does not parse: asks before replacing it.
  const [jsonConflict, setJsonConflict] = useState<{ inverse: 'undo' | 'redo' } | null>(null);
  const reverting = useRef(false);
  useEffect(
    () =>
      store.subscribe((s: DesignerState, prev: DesignerState) => {
        if (reverting.current || !s.jsonError || s.def === prev.def || s.lastSource === 'json')
          return;
        if (s.lastSource === 'load') return;
        // How to take the edit back if the user keeps the text: an undo came back with redo.
        const inverse = s.lastSource === 'history' && s.future[0] === prev.def ? 'redo' : 'undo';
        setJsonConflict({ inverse });
      }),
    [store],
  );
  const tests = useWorkflowTests(client, baseline?.name ?? null, def);
  const deleteVersion = useDeleteWorkflowDef();
  const defs = useQuery(workflowDefsQuery(client));
  const versionsOf = useCallback(
    (name: string) => (groupVersions(defs.data ?? []).get(name) ?? []).map((d) => d.version ?? 1),
    [defs.data],
  );
  const versions = useMemo(() => versionsOf(baseline?.name ?? ''), [versionsOf, baseline?.name]);

  useEffect(() => {
    if (!toast) return;
    const t = window.setTimeout(() => setToast(null), 3500);
    return () => window.clearTimeout(t);
  }, [toast]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.selectedRef && s.selectedRef !== prev.selectedRef)
          setTab((t) => (t === 'workflow' ? 'properties' : t));
      }),
    [store],
  );

  const { open: openAsNewDraft, dialog: newDraftDialog } = useOpenAsNewDraft();
  const openImported = useCallback(
    (imported: WorkflowDef, from: string) => {
      const base = store.getState().baseline;
      if (base && imported.name && imported.name !== base.name) {
        // Another workflow's file: it never becomes an edit (and a save) of the open one.
        openAsNewDraft(
          imported,
          from,
          `Opened ${imported.name} from ${from} as a new draft (${base.name} is unchanged)`,
        );
        return;
      }
      store.getState().apply({ type: 'replaceDef', def: imported }, 'canvas');
      store.getState().select(null);
      setToast(`Imported ${imported.name || from}`);
    },
    [store, openAsNewDraft],
  );
  const replaceTests = tests.replaceCases;
  const onTestsFile = useCallback(
    (text: string, from: string) => {
      const parsed = parseTestsSidecar(text);
      if (typeof parsed === 'string') return setToast(`Cannot import ${from}: ${parsed}`);
      replaceTests(parsed.testCases);
      setTab('tests');
      setToast(
        `Imported ${parsed.testCases.length} test cases from ${from} (save them with Save tests)`,
      );
    },
    [replaceTests],
  );
  const {
    setInput: setImportInput,
    onFileChange,
    openPicker,
  } = useFileImport(openImported, setToast, onTestsFile);
  const ui: DesignerUi = useMemo(
    () => ({
      openInsertMenu: (position) => {
        const sel = store.getState().selectedRef;
        const el = sel
          ? document.querySelector(`.react-flow__node[data-id="${CSS.escape(taskNodeId(sel))}"]`)
          : null;
        const rect = el?.getBoundingClientRect();
        setInsert({
          position,
          anchor: rect
            ? { x: rect.right + 8, y: rect.top }
            : { x: window.innerWidth / 2 - 150, y: 140 },
        });
      },
      openSaveDialog: () => {
        const jsonError = store.getState().jsonError;
        if (!jsonError) return showSave();
        setTab('json');
        setToast(
          `Fix the JSON syntax error first (line ${jsonError.line}, column ${jsonError.column}): the draft is not saved until the JSON parses.`,
        );
      },
      openImport: openPicker,
      openFind: () => setFindOpen(true),
      openImported,
      exportJson: () => {
        const d = store.getState().def;
        download(
          exportFileName(d, 'json'),
          new Blob([toExportJson(d)], { type: 'application/json' }),
        );
        // The test cases travel beside the definition, so Conductor's JSON stays untouched.
        const cases = testsRef.current;
        if (cases.length > 0)
          download(
            testsFileName(d),
            new Blob([toTestsSidecar(d, cases)], { type: 'application/json' }),
          );
      },
      exportImage: (format) => {
        const def = store.getState().def;
        exportCanvasImage(flow, format, theme, def.name || undefined)
          .then((data) => download(exportFileName(def, format), data))
          .catch((e: unknown) => setToast(`Export failed: ${String(e)}`));
      },
      toggleTheme: toggle,
      setRightTab: setTab,
      notify: setToast,
    }),
    [store, showSave, openPicker, openImported, flow, theme, toggle],
  );
  const testsRef = useRef(tests.cases);
  useEffect(() => {
    testsRef.current = tests.cases;
  });
  const ctxRef = useRef<ActionContext>({ store, flow, ui });
  useEffect(() => {
    ctxRef.current = { store, flow, ui };
  });
  const getCtx = useCallback(() => ctxRef.current, []);
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  useDesignerKeyboard(getCtx, openPalette);

  const onAction = useCallback(
    (id: string) => {
      if (id === 'command-palette') return setPaletteOpen(true);
      const action = getAction(id);
      if (action) runAction(action, getCtx());
    },
    [getCtx],
  );

  const closeInsert = useCallback(() => {
    setInsert(null);
    focusCanvas();
  }, []);
  const closePalette = useCallback(() => {
    setPaletteOpen(false);
    focusCanvas();
  }, []);
  const insertKind = useCallback(
    (kind: TaskKind, position: Position) => {
      closeInsert();
      addTask(store, kind, position);
    },
    [store, closeInsert],
  );
  const callbacks: CanvasCallbacks = useMemo(
    () => ({
      onInsertAt: (position, anchor) => {
        const r = anchor.getBoundingClientRect();
        setInsert({ position, anchor: { x: r.right + 8, y: r.top - 8 } });
      },
      onDropType: (type, position) => insertKind(taskKind(type), position),
      onOpenTask: () => {
        setTab('properties');
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>('.designer-right [data-testid="task-name"]')?.focus(),
        );
      },
    }),
    [insertKind],
  );

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      selectIsDirty(store.getState()) && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm('You have unsaved changes. Leave and discard them?')) {
      writeDraft(draftKey, null);
      blocker.proceed();
    } else blocker.reset();
  }, [blocker, draftKey]);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (selectIsDirty(store.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);

  const focusTask = useCallback(
    (ref: string) => {
      const node = flow.getNode(taskNodeId(ref));
      if (node)
        void flow.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + 40, {
          zoom: Math.max(flow.getZoom(), 0.8),
          duration: 200,
        });
    },
    [flow],
  );

  // Find and the command palette jump to a task: select it, bring it into view, focus its node.
  const goToTask = useCallback(
    (ref: string) => {
      store.getState().select(ref, true);
      focusTask(ref);
      focusNodeSoon(document.querySelector('[data-testid="canvas"]'), taskNodeId(ref));
    },
    [store, focusTask],
  );
  const goToActions: DesignerAction[] = useMemo(
    () =>
      taskFindItems(def).map((item) => ({
        id: `go-to:${item.id}`,
        label: `Go to ${item.label}`,
        group: 'Selection',
        keywords: `${item.detail ?? ''} task find`,
        run: () => goToTask(item.id),
      })),
    [def, goToTask],
  );

  const onDeleteVersion = () => {
    if (!baseline) return;
    const v = baseline.version ?? 1;
    if (!window.confirm(`Delete version ${v} of ${baseline.name}? This cannot be undone.`)) return;
    deleteVersion.mutate(
      { name: baseline.name, version: v },
      {
        onSuccess: () => {
          store.getState().markSaved(store.getState().def);
          writeDraft(draftKey, null);
          const others = versions.filter((x) => x !== v);
          navigate(
            others.length
              ? `/workflows/${encodeURIComponent(baseline.name)}/${Math.max(...others)}`
              : '/workflows',
          );
        },
        onError: (e) => setToast(`Delete failed: ${e instanceof Error ? e.message : String(e)}`),
      },
    );
  };

  return (
    <div className="designer" data-dirty={dirty}>
      <DesignerToolbar
        versions={versions.length ? versions : baseline ? [baseline.version ?? 1] : []}
        onVersion={(v) =>
          navigate(`/workflows/${encodeURIComponent(baseline?.name ?? def.name)}/${v}`)
        }
        onAction={onAction}
        onDeleteVersion={onDeleteVersion}
      />
      <div className="designer-body">
        <aside className="designer-left" aria-label="Task palette">
          <TaskPalette
            onPick={(kind) =>
              insertKind(kind, insertionAfter(store.getState().def, store.getState().selectedRef))
            }
          />
        </aside>
        <div className="designer-center">
          <div className="canvas-wrap">
            <DesignerCanvas
              id={CANVAS_ID}
              callbacks={callbacks}
              marks={run?.marks}
              overlay={tests.overlay}
            />
          </div>
          <ProblemsPanel onFocusTask={focusTask} onShowJson={() => setTab('json')} />
        </div>
        <aside
          className={`designer-right${tab === 'json' ? ' is-wide' : ''}`}
          aria-label="Inspector"
        >
          <div className="tabs" role="tablist">
            {(
              [
                ...(run ? ([['run', 'Run']] as const) : []),
                ['properties', 'Task'],
                ['workflow', 'Workflow'],
                ['json', 'JSON'],
                ['tests', 'Test'],
              ] as const
            ).map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className={tab === id ? 'is-active' : undefined}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'run' && run ? run.panel : null}
            {tab === 'properties' ? <TaskInspector onAction={onAction} /> : null}
            {tab === 'workflow' ? <WorkflowSettings /> : null}
            {tab === 'tests' ? (
              <TestsPanel def={def} tests={tests} onFocusTask={goToTask} notify={setToast} />
            ) : null}
            {tab === 'json' ? (
              <Suspense fallback={<PageSpinner label="Loading editor…" />}>
                <JsonPanel />
              </Suspense>
            ) : null}
          </div>
        </aside>
      </div>
      <input
        ref={setImportInput}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={onFileChange}
        data-testid="import-input"
      />
      {insert ? (
        <InsertMenu
          position={insert.position}
          anchor={insert.anchor}
          onPick={insertKind}
          onClose={closeInsert}
        />
      ) : null}
      {findOpen ? (
        <FindDialog
          title="Find a task"
          items={taskFindItems(def)}
          onPick={goToTask}
          onClose={() => {
            setFindOpen(false);
            focusCanvas();
          }}
        />
      ) : null}
      {paletteOpen ? (
        <CommandPalette
          onClose={closePalette}
          onRun={(a: DesignerAction) => runAction(a, getCtx())}
          extra={goToActions}
        />
      ) : null}
      {saveFlow.open ? (
        <SaveDialog
          draft={def}
          baseline={baseline}
          latestVersion={latestStored(
            versionsOf(def.name),
            baseline?.name === def.name ? baseline : null,
          )}
          saving={saveFlow.saving}
          error={saveFlow.error}
          onSave={saveFlow.submit}
          onClose={saveFlow.close}
          tests={tests.cases.length > 0 ? <SaveTestResults draft={def} tests={tests} /> : null}
        />
      ) : null}
      {newDraftDialog}
      {jsonConflict ? (
        <ConfirmDialog
          title="Replace the JSON you are editing?"
          confirmLabel="Replace the JSON text"
          danger
          onConfirm={() => {
            setJsonConflict(null);
            store.getState().discardJsonText();
          }}
          onCancel={() => {
            const inverse = jsonConflict.inverse;
            setJsonConflict(null);
            reverting.current = true;
            store.getState()[inverse]();
            reverting.current = false;
            setTab('json');
          }}
        >
          <p>
            The JSON editor holds text that does not parse. This edit would replace it with the
            definition as it is on the canvas, and the text you typed would be lost.
          </p>
          <p className="muted small">Cancel takes the edit back and keeps your text.</p>
        </ConfirmDialog>
      ) : null}
      {toast ? (
        <div className="toast" role="status">
          {toast}
        </div>
      ) : null}
    </div>
  );
}
