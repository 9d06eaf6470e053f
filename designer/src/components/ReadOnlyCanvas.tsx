import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { PlaybookDefinition, StepTypesResponse } from '../api/types';
import { createEditorStore, EditorStoreContext, type RuntimeOverlay } from '../store/editorStore';
import { Canvas } from './Canvas';

/** A published version on its own read-only canvas (own store), optionally with runtime counts on the nodes. */
export function ReadOnlyCanvas({ definition, runtime, stepTypes, label, onSelect }: {
  definition: PlaybookDefinition; runtime?: RuntimeOverlay | null; stepTypes: StepTypesResponse | null; label: string; onSelect?(stepId: string | null): void;
}) {
  // Loaded before the first render so the canvas opens fitted to the steps; give it a new key to show another definition.
  const [store] = useState(() => {
    const s = createEditorStore();
    s.getState().load(definition, { readOnly: true });
    if (stepTypes) s.getState().setStepTypes(stepTypes);
    return s;
  });
  useEffect(() => { store.getState().setRuntime(runtime ?? null); }, [runtime, store]);
  useEffect(() => (onSelect ? store.subscribe((s, p) => { if (s.selectedId !== p.selectedId) onSelect(s.selectedId); }) : undefined), [onSelect, store]);
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider><Canvas label={label} /></ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
