import type { StepTypeInfo, TriggerTypeInfo } from '../api/types';
import { groupByCategory, lookOf } from '../nodes/catalog';
import type { Ghost } from '../hooks/usePaletteDrag';

const CATEGORY_TITLES: Record<string, string> = { flow: 'Flow', tasks: 'Tasks', email: 'Email', data: 'Data' };

/** Every step type and trigger, grouped. Drag a step onto the canvas, or press Enter on it to add it at a free place near the view's centre. */
export function Palette({ steps, triggers, currentTrigger, onAdd, onPointerDown, onTrigger, ghost, disabled }: {
  steps: StepTypeInfo[]; triggers: TriggerTypeInfo[]; currentTrigger?: string; disabled?: boolean;
  onAdd(type: string): void; onPointerDown(type: string): (e: React.PointerEvent) => void; onTrigger(type: string): void; ghost: Ghost | null;
}) {
  return (
    <nav className="panel palette" aria-label="Palette">
      <h2>Steps</h2>
      <p className="hint">Drag onto the canvas, or focus one and press Enter.</p>
      {groupByCategory(steps).map(({ category, steps: group }) => (
        <section key={category} aria-label={CATEGORY_TITLES[category] ?? category}>
          <h3>{CATEGORY_TITLES[category] ?? category}</h3>
          {group.length === 0 ? <p className="hint empty">None on this server yet.</p> : (
            <ul>
              {group.map((s) => {
                const look = lookOf(s.type);
                return (
                  <li key={s.type}>
                    <button type="button" className="palette-item" data-testid={`palette-${s.type}`} title={s.description} disabled={disabled}
                      onPointerDown={onPointerDown(s.type)} onClick={() => onAdd(s.type)} aria-label={`Add ${look.title} step: ${s.description}`}>
                      <span aria-hidden>{look.icon}</span> {look.title}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
      <section aria-label="Triggers">
        <h3>Triggers</h3>
        <p className="hint">One per playbook: choose how accounts enter.</p>
        <ul>
          {triggers.map((t) => (
            <li key={t.type}>
              <button type="button" className={`palette-item${t.type === currentTrigger ? ' current' : ''}`} title={t.description} disabled={disabled}
                aria-pressed={t.type === currentTrigger} data-testid={`trigger-${t.type}`} onClick={() => onTrigger(t.type)}>
                <span aria-hidden>⚡</span> {t.type}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {ghost && <div className="drag-ghost" style={{ left: ghost.x + 8, top: ghost.y + 8 }} aria-hidden>{lookOf(ghost.type).icon} {lookOf(ghost.type).title}</div>}
    </nav>
  );
}
