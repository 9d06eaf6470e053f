import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type ComponentType, type ReactNode } from 'react';
import { estimatedWidth, outcomeSlotWidth } from '../model/geometry';
import { outcomesOf } from '../model/outcomes';
import type { StepNode } from '../model/serialization';
import { useEditor } from '../store/editorStore';
import { lookOf } from './catalog';

const NO_STRAYS: string[] = [];

/**
 * A node component that re-renders only when what it shows changes (its step, selection, connectability) — not when
 * React Flow measures it or moves it, which on opening a large playbook would render every node a second time.
 */
export function memoNode(component: ComponentType<NodeProps<StepNode>>) {
  return memo(component, (a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected && a.isConnectable === b.isConnectable && a.type === b.type);
}

/** The frame every step node shares: title, type, a one-line summary, problems, runtime counts, and one labelled handle per outcome. */
export function BaseNode({ id, data, selected, summary }: NodeProps<StepNode> & { summary?: ReactNode }) {
  const step = data.step;
  const look = lookOf(step.type);
  const problems = useEditor((s) => s.problemsByStep[id]);
  const strays = useEditor((s) => s.strayOutcomes[id] ?? NO_STRAYS);
  const waiting = useEditor((s) => s.runtime?.waiting[id] ?? 0);
  const faulted = useEditor((s) => s.runtime?.faulted[id] ?? 0);
  const outcomes = outcomesOf(step);
  const handles = [...outcomes.map((o) => ({ o, stray: false })), ...strays.map((o) => ({ o, stray: true }))];
  const hasProblems = !!problems?.length;
  const label = step.name || step.id;
  return (
    <div
      className={`step-node${selected ? ' selected' : ''}${hasProblems ? ' invalid' : ''}`}
      data-testid={`node-${id}`}
      aria-label={`${look.title} step ${label}${hasProblems ? `, ${problems!.length} problem(s)` : ''}`}
      style={{ minWidth: estimatedWidth(handles.map((h) => h.o)) }}
    >
      {/* A title, not aria-label: a handle is a plain div (no role may carry a name); keyboard users connect in the Connections section. */}
      <Handle type="target" position={Position.Top} id="in" title={`into ${label}`} />
      <div className="step-node-head">
        <span className="step-icon" aria-hidden>{look.icon}</span>
        <span className="step-title">{label}</span>
        {hasProblems && <span className="badge badge-error" title={problems!.map((p) => p.message).join('\n')} data-testid="node-problem">!</span>}
      </div>
      <div className="step-type">{look.title}{step.name ? ` · ${step.id}` : ''}</div>
      {/* One line, always there, so the node's height (and its handles) stay put while problems come and go. */}
      {hasProblems
        ? <div className="step-line step-problem" role="alert" title={problems!.map((p) => p.message).join('\n')}>{problems![0].message}</div>
        : <div className="step-line step-summary">{summary ?? '\u00a0'}</div>}
      {(waiting > 0 || faulted > 0) && (
        <div className="step-runtime" data-testid="node-runtime">
          {waiting > 0 && <span className="badge badge-wait" title="instances waiting here">{waiting} waiting</span>}
          {faulted > 0 && <span className="badge badge-error" title="instances faulted here">{faulted} faulted</span>}
        </div>
      )}
      <div className="step-outcomes">
        {handles.map(({ o, stray }) => (
          <div key={o} className={`outcome${stray ? ' stray' : ''}`} style={{ flexGrow: outcomeSlotWidth(o) }} data-outcome={o}
            title={stray ? `"${o}" is not an outcome of this step any more` : undefined}>
            <span className="outcome-label">{o}</span>
            <Handle
              type="source"
              position={Position.Bottom}
              id={o}
              title={`${label}: outcome ${o}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
