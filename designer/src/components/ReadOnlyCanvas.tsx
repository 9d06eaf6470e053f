import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { PlaybookDefinition, StepTypesResponse } from '../api/types';
import { createEditorStore, EditorStoreContext, type RuntimeOverlay } from '../store/editorStore';
import { Canvas } from './Canvas';

/** A published version on its own read-only canvas (own store), optionally with runtime counts on the nodes. */
export function ReadOnlyCanvas({ definition, runtime, stepTypes, label, onSelect }: {
  definition: PlaybookDefinition; runtime?: RuntimeOverlay | null; stepTypes: StepTypesResponse | null; label: string; onSelect?(stepId: string | null): void;
}) {
  const [store] = useState(createEditorStore);
  useEffect(() => { store.getState().load(definition, { readOnly: true }); if (stepTypes) store.getState().setStepTypes(stepTypes); }, [definition, stepTypes, store]);
  useEffect(() => { store.getState().setRuntime(runtime ?? null); }, [runtime, store]);
  useEffect(() => (onSelect ? store.subscribe((s, p) => { if (s.selectedId !== p.selectedId) onSelect(s.selectedId); }) : undefined), [onSelect, store]);
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider><Canvas label={label} /></ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
