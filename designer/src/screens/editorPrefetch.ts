import { prefetch } from '../api/prefetch';
import { loadStepTypes } from '../api/stepTypes';

export const playbookPath = (id: string) => `/api/playbooks/${encodeURIComponent(id)}`;

/** The editor's code chunk (React Flow, dagre, forms); the browser fetches it once. */
export const loadEditorChunk = () => import('./EditorScreen');

/** On opening the page at a playbook: fetch the editor's code, palette and playbook all at once instead of one after the other. */
export function prefetchEditor(id: string): void {
  loadEditorChunk().catch(() => {});
  loadStepTypes().catch(() => {});
  prefetch(playbookPath(id));
}
