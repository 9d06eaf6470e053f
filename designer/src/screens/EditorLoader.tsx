import { useEffect, useState, type ComponentProps } from 'react';
import { prefetch } from '../api/prefetch';
import { loadStepTypes } from '../api/stepTypes';

type EditorModule = typeof import('./EditorScreen');

export const playbookPath = (id: string) => `/api/playbooks/${encodeURIComponent(id)}`;

let loaded: EditorModule | null = null;

/** The editor's code chunk (React Flow, dagre, forms): the list, accounts, tasks and emails never need it. */
export const loadEditorChunk = (): Promise<EditorModule> => import('./EditorScreen').then((m) => (loaded = m));

/** On opening the page at a playbook: fetch the editor's code, palette and playbook all at once instead of one after the other. */
export function prefetchEditor(id: string): void {
  loadEditorChunk().catch(() => {});
  loadStepTypes().catch(() => {});
  prefetch(playbookPath(id));
}

/**
 * The editor once its chunk is here. Not React.lazy: a Suspense boundary that has shown its fallback holds the
 * revealed content back for up to 300 ms (React's fallback throttle), which would add that to every cold open.
 */
export function EditorLoader(props: ComponentProps<EditorModule['EditorScreen']>) {
  const [module, setModule] = useState(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!module) loadEditorChunk().then(setModule, () => setFailed(true));
  }, [module]);
  if (failed) return <main className="screen"><p className="error-box" role="alert">The editor could not be loaded (the host may have been updated). Reload the page.</p></main>;
  if (!module) return <main className="screen"><p aria-busy="true">Loading the editor…</p></main>;
  return <module.EditorScreen {...props} />;
}
