import { useId, useState } from 'react';
import type { StepDto } from '../api/types';
import { incomingConnections, outcomeConnections, targetChoices, type OutcomeConnections, type TargetChoice } from '../model/connections';
import { lookOf } from '../nodes/catalog';
import { useEditor } from '../store/editorStore';

const NOT_CONNECTED = '';
const titleOf = (type: string) => lookOf(type).title;

/**
 * The selected step's outcomes and where each leads, as labelled selects: the keyboard way to connect steps.
 * Changes go through the store's setConnection (same rules, undo, validation and save as dragging a handle).
 */
export function ConnectionsSection({ step, readOnly }: { step: StepDto; readOnly: boolean }) {
  const steps = useEditor((s) => s.nodes.map((n) => n.data.step));
  const edges = useEditor((s) => s.edges);
  const isStart = useEditor((s) => (s.meta.start ?? s.nodes[0]?.id) === step.id);
  const rows = outcomeConnections(step, edges);
  const choices = targetChoices(steps, step.id, titleOf);
  const incoming = incomingConnections(edges, step.id);
  const hintId = useId();
  return (
    <fieldset className="connections" disabled={readOnly} aria-describedby={hintId} data-testid="connections">
      <legend>Connections</legend>
      <p className="hint" id={hintId}>Where each outcome leads (the same as dragging from its handle on the canvas).</p>
      {rows.length === 0 && <p className="hint">This step has no outcomes: a path ends here.</p>}
      {rows.map((row) => <OutcomeRow key={row.outcome} source={step.id} row={row} choices={choices} />)}
      <p className="hint" data-testid="incoming">
        {isStart ? 'Start step. ' : ''}
        {incoming.length ? `Reached from: ${incoming.join(', ')}.` : isStart ? '' : 'Not reached from any step yet.'}
      </p>
    </fieldset>
  );
}

function OutcomeRow({ source, row, choices }: { source: string; row: OutcomeConnections; choices: TargetChoice[] }) {
  const setConnection = useEditor((s) => s.setConnection);
  const [adding, setAdding] = useState(false);
  const { outcome, targets, stray } = row;
  const change = (from: string | null) => (to: string) => setConnection(source, outcome, from, to === NOT_CONNECTED ? null : to);
  // A step this outcome already reaches is not offered again in its other selects (one connection per outcome and step).
  const optionsFor = (own: string | null) => (stray
    ? choices.filter((c) => c.id === own)
    : choices.filter((c) => c.id === own || !targets.includes(c.id)));
  const labelOf = (i: number) => (i === 0 ? `${outcome} connects to` : `${outcome} also connects to (path ${i + 1})`);
  const testIdOf = (i: number) => (i === 0 ? `connection-${outcome}` : `connection-${outcome}-${i + 1}`);

  // Selects are keyed by position, so the focused one stays focused while its connection changes (in Chrome each
  // arrow key on a closed select is a change) and when a new path it adds becomes a regular row.
  const selects = targets.map((target, i) => (
    <TargetSelect key={i} label={labelOf(i)} testId={testIdOf(i)} value={target} options={optionsFor(target)} onChange={change(target)} />
  ));
  if (targets.length === 0 && !stray) {
    selects.push(<TargetSelect key={0} label={labelOf(0)} testId={testIdOf(0)} value={null} options={optionsFor(null)} onChange={change(null)} />);
  } else if (adding) {
    const i = targets.length;
    selects.push(<TargetSelect key={i} label={`${outcome} also connects to (new path)`} testId={`connection-${outcome}-new`} value={null}
      options={optionsFor(null)} autoFocus onChange={(to) => { setAdding(false); change(null)(to); }} onCancel={() => setAdding(false)} />);
  }
  const canAdd = !stray && !adding && targets.length > 0 && optionsFor(null).length > 0;
  return (
    <div className={`connection-group${stray ? ' stray' : ''}`} role="group" aria-label={`Outcome ${outcome}`}>
      {stray && <p className="error">"{outcome}" is not an outcome of this step any more: remove its connections.</p>}
      {selects}
      {canAdd && <button type="button" className="link" onClick={() => setAdding(true)} aria-label={`Add a parallel path from ${outcome}`}>+ parallel path</button>}
    </div>
  );
}

function TargetSelect({ label, testId, value, options, onChange, autoFocus, onCancel }: {
  label: string; testId: string; value: string | null; options: TargetChoice[]; onChange(to: string): void; autoFocus?: boolean; onCancel?(): void;
}) {
  const id = useId();
  const missing = value !== null && !options.some((o) => o.id === value);
  return (
    <div className="field connection">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value ?? NOT_CONNECTED} autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onCancel} onKeyDown={onCancel && ((e) => { if (e.key === 'Escape') onCancel(); })}>
        <option value={NOT_CONNECTED}>— not connected —</option>
        {missing && <option value={value}>{value} (no such step)</option>}
        {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
    </div>
  );
}
