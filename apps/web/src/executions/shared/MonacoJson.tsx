import Editor from '@monaco-editor/react';
import '../../ui/monaco-setup.js';
import { useTheme } from '../../ui/theme.js';
import { monacoTheme } from '../../ui/monaco-themes.js';

/** Props of the Monaco JSON editor. */
export interface MonacoJsonProps {
  value: string;
  ariaLabel: string;
  height: number | string;
  readOnly?: boolean;
  onChange?: (value: string) => void;
}

/** Monaco for JSON, read-only or editable. Loaded lazily (it pulls in Monaco). */
export default function MonacoJson({
  value,
  ariaLabel,
  height,
  readOnly = false,
  onChange,
}: MonacoJsonProps) {
  const { theme } = useTheme();
  return (
    <Editor
      height={height}
      language="json"
      value={value}
      theme={monacoTheme(theme)}
      onChange={(v) => onChange?.(v ?? '')}
      options={{
        readOnly,
        domReadOnly: readOnly,
        minimap: { enabled: false },
        lineNumbers: 'off',
        fontSize: 12,
        folding: true,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        ariaLabel,
        automaticLayout: true,
        renderLineHighlight: readOnly ? 'none' : 'line',
        // A read-only viewer sits in a scrolling panel: the wheel over it scrolls the panel when
        // it has nothing to scroll itself, instead of stopping dead.
        scrollbar: { alwaysConsumeMouseWheel: !readOnly },
      }}
    />
  );
}
