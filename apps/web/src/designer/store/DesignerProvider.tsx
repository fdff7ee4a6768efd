import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { DesignerState, DesignerStore } from './designer-store.js';

const DesignerContext = createContext<DesignerStore | null>(null);

/** Makes one designer store available to the canvas, panels and actions below it. */
export function DesignerProvider({
  store,
  children,
}: {
  store: DesignerStore;
  children: ReactNode;
}) {
  return <DesignerContext.Provider value={store}>{children}</DesignerContext.Provider>;
}

/** The designer store of the enclosing DesignerProvider. */
export function useDesignerStoreApi(): DesignerStore {
  const store = useContext(DesignerContext);
  if (!store) throw new Error('useDesignerStoreApi must be used inside a DesignerProvider');
  return store;
}

/** Subscribes to a slice of the designer state (pass a module-scope selector). */
export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerStoreApi(), selector);
}
