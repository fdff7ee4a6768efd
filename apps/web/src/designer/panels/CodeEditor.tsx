import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import '../../ui/monaco-setup.js';
import { useTheme } from '../../ui/theme.js';
import { monacoTheme } from '../../ui/monaco-themes.js';

/** Props of the small code editor. */
export interface CodeEditorProps {
  value: string;
  language: string;
  onCommit: (value: string) => void;
  ariaLabel: string;
  height?: number;
}

/** A compact Monaco editor for scripts; commits on blur. Lazy-loaded with Monaco. */
export default function CodeEditor({
  value,
  language,
  onCommit,
  ariaLabel,
  height = 160,
}: CodeEditorProps) {
  const { theme } = useTheme();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const commitRef = useRef(onCommit);
  const valueRef = useRef(value);
  useEffect(() => {
    commitRef.current = onCommit;
    valueRef.current = value;
  });
  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== value) ed.setValue(value);
  }, [value]);
  return (
    <Editor
      height={height}
      language={language}
      defaultValue={value}
      theme={monacoTheme(theme)}
      options={{
        minimap: { enabled: false },
        lineNumbers: 'off',
        fontSize: 12,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        ariaLabel,
        automaticLayout: true,
      }}
      onMount={(ed) => {
        editorRef.current = ed;
        ed.onDidBlurEditorText(() => {
          // Unmounting disposes the model first: a blur then reads "" and must not commit it.
          const model = ed.getModel();
          if (!model || model.isDisposed()) return;
          const v = ed.getValue();
          if (v !== valueRef.current) commitRef.current(v);
        });
      }}
    />
  );
}
