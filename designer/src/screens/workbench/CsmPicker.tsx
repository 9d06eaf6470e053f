import { useState } from 'react';
import type { Csm } from '../CsmSelect';
import { matchCsms } from './csmSearch';

/** Ops and CS leads: whose workbench to see — type to narrow the CSMs by name or id, then choose one (or everyone). */
export function CsmPicker({ csms, value, onChange }: { csms: Csm[]; value: string | undefined; onChange(csmId: string | undefined): void }) {
  const [text, setText] = useState('');
  const shown = matchCsms(csms, text);
  const chosen = value ? csms.find((c) => c.id === value) : undefined;
  const options = chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
  return (
    <div className="row csm-picker" data-testid="workbench-csm-picker">
      <div className="field">
        <label htmlFor="workbench-csm-search">Find CSM</label>
        <input id="workbench-csm-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="name or id" data-testid="workbench-csm-search" />
      </div>
      <div className="field">
        <label htmlFor="workbench-csm">Workbench of</label>
        <select id="workbench-csm" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid="workbench-csm">
          <option value="">Everyone</option>
          {options.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.id})</option>)}
        </select>
        {text && shown.length === 0 && <p className="hint" role="status">No CSM matches “{text}”.</p>}
      </div>
    </div>
  );
}
