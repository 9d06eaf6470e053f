import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SuccessCriteriaView } from '../../api/account360';
import { gapText } from '../../model/account360';
import { when } from '../../model/success';
import { CriterionEditor } from './CriterionEditor';
import { QueryState } from './QueryState';

/**
 * Success criteria (DOMAIN.md §1: success is the agreed gap closed): baseline → current → target with the share of the
 * gap closed, who agreed and when. Ops, CS leads and the account's CSM edit them; everyone else reads.
 */
export function SuccessCriteriaSection({ accountId, query, canEdit }: { accountId: string; query: UseQueryResult<SuccessCriteriaView>; canEdit: boolean }) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <section className="card" aria-labelledby="criteria-h" data-testid="success-criteria">
      <h2 id="criteria-h">Success criteria</h2>
      <QueryState query={query}>
        {({ criteria }) => (
          <>
            {criteria.length === 0 && <p className="muted">No success criteria agreed yet.{canEdit ? ' Agree the first with the customer\'s decision-maker.' : ''}</p>}
            {criteria.length > 0 && (
              <table className="table criteria-table" data-testid="criteria-table">
                <thead>
                  <tr><th scope="col">Metric</th><th scope="col">Baseline → current → target</th><th scope="col">Progress</th><th scope="col">Due</th>
                    <th scope="col">Agreed</th>{canEdit && <th scope="col"><span className="sr-only">Actions</span></th>}</tr>
                </thead>
                <tbody>
                  {criteria.map((c, k) => (
                    <tr key={c.id ?? k} data-testid="criterion">
                      <th scope="row">{c.metric ?? '—'}{c.note && <div className="hint">{c.note}</div>}</th>
                      <td data-testid="criterion-gap">{gapText(c)}</td>
                      <td>
                        {c.progress === null || c.progress === undefined ? <span className="muted">—</span> : (
                          <span className="progress-cell">
                            <progress max={100} value={c.progress} aria-label={`${c.metric ?? 'criterion'}: ${c.progress} % of the gap closed`} />
                            <span data-testid="criterion-progress">{c.progress} %</span>
                          </span>
                        )}
                      </td>
                      <td>{c.due ?? '—'}</td>
                      <td>{c.agreedBy ?? '—'}{c.agreedAt && <> on {c.agreedAt}</>}
                        {c.changedBy && <div className="hint">changed by {c.changedBy}, {when(c.changedAt)}</div>}</td>
                      {canEdit && (
                        <td><button type="button" onClick={() => setEditing(k)} disabled={editing !== null}
                          aria-label={`Edit “${c.metric ?? 'criterion'}”`} data-testid="criterion-edit">Edit</button></td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {canEdit && editing === null && <button type="button" onClick={() => setEditing(criteria.length)} data-testid="criterion-add">Add criterion</button>}
            {!canEdit && <p className="hint" data-testid="criteria-readonly">Ops, CS leads and the account's CSM agree the criteria; you can read them.</p>}
            {editing !== null && <CriterionEditor key={editing} accountId={accountId} criteria={criteria} index={editing} onDone={() => setEditing(null)} />}
          </>
        )}
      </QueryState>
    </section>
  );
}
