import { useEffect, useState } from 'react';
import type { DefinitionProblem, JsonSchema, StepDto, StepTypeInfo, TriggerTypeInfo } from '../api/types';
import { fieldKind, validateField, validateStep, type FieldKind } from '../model/validation';
import { previewTemplate } from '../model/preview';
import { lookOf } from '../nodes/catalog';
import { useEditor } from '../store/editorStore';
import { ConnectionsSection } from './ConnectionsSection';
import { DurationField } from './fields/DurationField';
import { ListField } from './fields/ListField';
import { ResultFormField } from './fields/ResultFormField';
import { TextField } from './fields/TextField';

const COMMON = new Set(['id', 'type', 'name', 'position', 'join']);
const NO_PROBLEMS: DefinitionProblem[] = [];

/** The form of the selected step, or of the playbook itself when nothing is selected. */
export function PropertiesPanel({ isNew }: { isNew: boolean }) {
  const { selectedId, readOnly } = useEditor((s) => ({ selectedId: s.selectedId, readOnly: s.readOnly }));
  return (
    <aside className="panel properties" aria-label="Properties">
      {selectedId ? <StepForm key={selectedId} id={selectedId} readOnly={readOnly} /> : <PlaybookForm isNew={isNew} readOnly={readOnly} />}
    </aside>
  );
}

function StepForm({ id, readOnly }: { id: string; readOnly: boolean }) {
  const step = useEditor((s) => s.nodes.find((n) => n.id === id)?.data.step);
  const otherIds = useEditor((s) => s.nodes.filter((n) => n.id !== id).map((n) => n.id));
  const info = useEditor((s) => s.stepTypes?.steps.find((t) => t.type === step?.type));
  const serverProblems = useEditor((s) => s.problemsByStep[id] ?? NO_PROBLEMS);
  const { updateStep, renameStep, select } = useEditor((s) => ({ updateStep: s.updateStep, renameStep: s.renameStep, select: s.select }));
  const [idText, setIdText] = useState(id);
  useEffect(() => setIdText(id), [id]);
  if (!step) return null;

  const clientErrors = validateStep({ ...step, id: idText }, info, otherIds);
  const errorOf = (field: string) => clientErrors[field] ?? serverProblems.find((p) => p.field === field)?.message ?? null;
  const commitId = () => {
    if (idText === id || clientErrors.id) return;
    if (!renameStep(id, idText)) setIdText(id);
  };
  const look = lookOf(step.type);
  const properties = Object.entries(info?.settings.properties ?? {});
  const required = new Set(info?.settings.required ?? []);
  const known = new Set(properties.map(([k]) => k));
  const extras = Object.entries(step).filter(([k]) => !COMMON.has(k) && !known.has(k));
  const shownByField = (field: string) => known.has(field) || COMMON.has(field) || (known.has('form') && field.startsWith('form['));
  const otherProblems = serverProblems.filter((p) => !p.field || !shownByField(p.field));

  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-label={`Step ${id}`}>
      <div className="panel-head">
        <h2><span aria-hidden>{look.icon}</span> {look.title}</h2>
        <button type="button" className="link" onClick={() => select(null)}>Playbook settings</button>
      </div>
      {info ? <p className="hint">{info.description}</p> : <p className="error">Unknown step type "{step.type}": the server does not offer it. Its settings are kept as they are.</p>}
      <fieldset disabled={readOnly} className="plain">
        <TextField label="Step id" value={idText} onChange={setIdText} onBlur={commitId} required error={clientErrors.id ?? errorOf('id')} mono
          hint="Connections and the runtime refer to this id; renaming updates the connections." testId="prop-id" />
        <TextField label="Label" value={String(step.name ?? '')} onChange={(v) => updateStep(id, { name: v || undefined }, 'name')}
          hint="Shown on the canvas instead of the id." testId="prop-name" />
        {properties.map(([name, schema]) => (
          <SettingField key={name} name={name} schema={schema} kind={fieldKind(name, schema)} step={step} required={required.has(name)}
            error={errorOf(name)} problems={serverProblems} onChange={(v, coalesce) => updateStep(id, { [name]: v }, coalesce ? name : undefined)} />
        ))}
        <div className="field">
          <label htmlFor={`join-${id}`}>When several paths arrive</label>
          <select id={`join-${id}`} value={step.join ?? 'any'} onChange={(e) => updateStep(id, { join: e.target.value === 'any' ? undefined : e.target.value })}>
            <option value="any">continue on the first (any)</option>
            <option value="all">wait for all of them (all)</option>
          </select>
        </div>
      </fieldset>
      <ConnectionsSection step={step} readOnly={readOnly} />
      {extras.length > 0 && (
        <details className="extras">
          <summary>Other settings ({extras.length}), kept as they are</summary>
          <pre>{JSON.stringify(Object.fromEntries(extras), null, 2)}</pre>
        </details>
      )}
      {otherProblems.length > 0 && (
        <ul className="problems-inline" aria-label="Problems of this step">
          {otherProblems.map((p, i) => <li key={i} className="error">{p.field ? `${p.field}: ` : ''}{p.message}</li>)}
        </ul>
      )}
    </form>
  );
}

function SettingField({ name, schema, kind, step, required, error, problems, onChange }: {
  name: string; schema: JsonSchema; kind: FieldKind; step: StepDto; required: boolean; error: string | null; problems: DefinitionProblem[];
  onChange(value: unknown, coalesce?: boolean): void;
}) {
  const value = step[name];
  const label = name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
  const testId = `prop-${name}`;
  switch (kind) {
    case 'duration':
    case 'offset':
      return <DurationField label={label} value={typeof value === 'string' ? value : undefined} onChange={(v) => onChange(v)} allowBefore={kind === 'offset'}
        required={required} error={error} testId={testId} />;
    case 'list':
      return <ListField label={label} value={Array.isArray(value) ? value.map(String) : []} onChange={(v) => onChange(v)} required={required} error={error} />;
    case 'choices': {
      // A list whose items come from a fixed set (notify's channels): one checkbox per option, kept in the schema's order.
      const chosen = Array.isArray(value) ? value.map(String) : [];
      const toggle = (option: string, on: boolean) => {
        const next = schema.items!.enum!.filter((o) => (o === option ? on : chosen.includes(o)));
        onChange(next.length ? next : undefined);
      };
      return (
        <fieldset className="field choices" data-testid={testId}>
          <legend>{label}{required && <span className="req" aria-hidden> *</span>}</legend>
          {schema.items!.enum!.map((o) => (
            <label key={o} className="checkbox"><input type="checkbox" checked={chosen.includes(o)} onChange={(e) => toggle(o, e.target.checked)} data-testid={`${testId}-${o}`} /> {o}</label>
          ))}
          {schema.description && <p className="hint">{schema.description}</p>}
          {error && <p className="error" role="alert">{error}</p>}
        </fieldset>
      );
    }
    case 'form':
      return <ResultFormField value={value} onChange={(v) => onChange(v)} problems={problems} />;
    case 'enum':
      return (
        <div className="field">
          <label htmlFor={testId}>{label}{required && <span className="req" aria-hidden> *</span>}</label>
          <select id={testId} data-testid={testId} value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)}>
            <option value="">(choose)</option>
            {schema.enum!.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
          {error && <p className="error" role="alert">{error}</p>}
        </div>
      );
    case 'number':
      return <TextField label={label} value={value === undefined ? '' : String(value)} required={required} error={error}
        onChange={(v) => onChange(v === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v), true)} testId={testId} hint={schema.description} />;
    case 'boolean':
      return (
        <div className="field checkbox">
          <label><input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={testId} /> {label}</label>
          {schema.description && <p className="hint">{schema.description}</p>}
        </div>
      );
    case 'template':
      return (
        <>
          <TextField label={label} value={String(value ?? '')} onChange={(v) => onChange(v || undefined, true)} required={required} error={error}
            multiline mono hint={schema.description} testId={testId} />
          {typeof value === 'string' && value.includes('{{') && (
            <div className="preview" aria-label={`${label} preview`}><span className="hint">Preview for Sample Co (approximate):</span> {previewTemplate(value)}</div>
          )}
        </>
      );
    default:
      return <TextField label={label} value={String(value ?? '')} onChange={(v) => onChange(v || undefined, true)} required={required} error={error}
        mono={kind === 'condition' || kind === 'expression'} hint={schema.description} testId={testId} />;
  }
}

function PlaybookForm({ isNew, readOnly }: { isNew: boolean; readOnly: boolean }) {
  const meta = useEditor((s) => s.meta);
  const triggers = useEditor((s) => s.stepTypes?.triggers ?? []);
  const problems = useEditor((s) => s.problems);
  const updateMeta = useEditor((s) => s.updateMeta);
  const trigger = meta.trigger ?? { type: 'manual' };
  const info: TriggerTypeInfo | undefined = triggers.find((t) => t.type === trigger.type);
  const triggerError = (field: string) => problems.find((p) => !p.stepId && (p.field === `trigger.${field}` || p.field === field))?.message ?? null;
  const setTrigger = (patch: Record<string, unknown>, coalesce?: string) => {
    const next: Record<string, unknown> = { ...trigger };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k]; else next[k] = v;
    updateMeta({ trigger: next as typeof trigger }, coalesce);
  };
  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} aria-label="Playbook settings">
      <div className="panel-head"><h2>Playbook</h2></div>
      <p className="hint">Select a step on the canvas to edit it.</p>
      <fieldset disabled={readOnly} className="plain">
        <TextField label="Playbook id" value={meta.id} onChange={() => {}} readOnly mono hint={isNew ? 'Chosen when the playbook was created.' : 'Fixed once created.'} />
        <TextField label="Name" value={String(meta.name ?? '')} onChange={(v) => updateMeta({ name: v || undefined }, 'name')} testId="meta-name" />
        <TextField label="Description" value={String(meta.description ?? '')} onChange={(v) => updateMeta({ description: v || undefined }, 'description')} multiline />
        <div className="field">
          <label htmlFor="trigger-type">Trigger</label>
          <select id="trigger-type" value={trigger.type} onChange={(e) => updateMeta({ trigger: { type: e.target.value } })}>
            {!info && <option value={trigger.type}>{trigger.type} (unknown)</option>}
            {triggers.map((t) => <option key={t.type} value={t.type}>{t.type}</option>)}
          </select>
          {info && <p className="hint">{info.description}</p>}
        </div>
        {Object.entries(info?.settings.properties ?? {}).map(([name, schema]) => {
          const kind = fieldKind(name, schema);
          const v = trigger[name];
          const err = validateField(kind, v, (info?.settings.required ?? []).includes(name)) ?? triggerError(name);
          return <TextField key={name} label={`Trigger ${name}`} value={String(v ?? '')} onChange={(x) => setTrigger({ [name]: x || undefined }, `trigger.${name}`)}
            required={(info?.settings.required ?? []).includes(name)} error={err} hint={schema.description} mono={kind !== 'text'} testId={`trigger-${name}`} />;
        })}
        <div className="field">
          <label htmlFor="reentry">Re-entry</label>
          <select id="reentry" value={meta.enrolment?.reentry ?? 'afterExit'}
            onChange={(e) => updateMeta({ enrolment: { ...meta.enrolment, reentry: e.target.value as 'never' | 'afterExit' | 'always' } })}>
            <option value="never">never: an account runs this playbook once</option>
            <option value="afterExit">after exit: again once the previous run ended</option>
            <option value="always">always: several runs may overlap</option>
          </select>
        </div>
        <TextField label="Hold-out (% of accounts not enrolled, for comparison)" value={String(meta.enrolment?.holdoutPercent ?? 0)}
          onChange={(v) => updateMeta({ enrolment: { ...meta.enrolment, holdoutPercent: Number(v) || 0 } }, 'holdout')}
          error={validateField('number', meta.enrolment?.holdoutPercent ?? 0, false) ?? ((meta.enrolment?.holdoutPercent ?? 0) > 100 ? 'at most 100' : null)} />
      </fieldset>
    </form>
  );
}

export type { StepTypeInfo };
