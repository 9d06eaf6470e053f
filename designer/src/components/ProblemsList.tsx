import { useReactFlow } from '@xyflow/react';
import { sizeOf } from '../model/geometry';
import type { StepNode } from '../model/serialization';
import { useEditor } from '../store/editorStore';
import type { ValidationStatus } from '../hooks/useLiveValidation';

/** The server's validation problems; clicking one selects its step and centres the canvas on it. */
export function ProblemsList({ status }: { status: ValidationStatus }) {
  const { problems, select } = useEditor((s) => ({ problems: s.problems, select: s.select }));
  const flow = useReactFlow<StepNode>();
  const go = (stepId?: string | null) => {
    if (!stepId) { select(null); return; }
    select(stepId);
    const node = flow.getNode(stepId);
    if (node) {
      const { width, height } = sizeOf(node);
      flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
    }
  };
  return (
    <section className="problems" aria-label="Problems" aria-live="polite" data-testid="problems">
      <h2>
        {status === 'checking' ? 'Checking…'
          : status === 'unavailable' ? 'Could not check with the server'
          : problems.length === 0 ? (status === 'valid' ? '✓ No problems' : 'Problems') : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
      </h2>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="problem" onClick={() => go(p.stepId)}>
                <strong>{p.stepId ?? 'playbook'}{p.field ? ` · ${p.field}` : ''}</strong>: {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
