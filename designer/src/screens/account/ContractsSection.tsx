import type { Account } from '../../api/types';
import { contractTerms, moneyText } from '../../model/account360';

/** The current contract and every earlier term, newest first: dates, value, edition, and what each renewal changed. */
export function ContractsSection({ account }: { account: Account }) {
  const terms = contractTerms(account);
  return (
    <section className="card" aria-labelledby="contracts-h">
      <h2 id="contracts-h">Contracts</h2>
      {terms.length === 0 ? <p className="muted">No contract on record.</p> : (
        <table className="table" data-testid="contract-history">
          <thead><tr><th scope="col">Term</th><th scope="col">Value</th><th scope="col">Edition</th><th scope="col">How it came</th></tr></thead>
          <tbody>
            {terms.map((t, k) => (
              <tr key={k} className={t.current ? 'current' : undefined}>
                <th scope="row">{t.start ?? '?'} – {t.end ?? 'open-ended'}{t.current && <> <span className="badge">current</span></>}</th>
                <td>{moneyText(t.value, t.currency)}</td>
                <td>{t.edition ?? '—'}</td>
                <td>{t.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {account.contacts?.length ? (
        <>
          <h3>Contacts</h3>
          <ul className="plain-list" data-testid="account-contacts">
            {account.contacts.map((c, k) => <li key={c.id ?? k}><strong>{c.name ?? c.email}</strong> {c.role && <span className="badge">{c.role}</span>} {c.email && <span className="muted">{c.email}</span>}</li>)}
          </ul>
        </>
      ) : <p className="muted">No contacts.</p>}
    </section>
  );
}
