import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adviceOf, get } from '../api/client';
import { bookChanged, demoStatus, loadDemo, removeDemo } from '../api/demo';
import type { Me, Page } from '../api/types';


/**
 * The demo book (docs/demo.md) above the screens: on an empty book an ops user may load it (where `offerLoad`: the
 * Playbooks and Accounts screens), a progress bar while it loads, and once loaded a banner saying so everywhere, with removal for ops.
 */
export function DemoBanner({ me, offerLoad }: { me: Me; offerLoad: boolean }) {
  const ops = me.can.design;
  const client = useQueryClient();
  const load = useMutation({ mutationFn: loadDemo, onSettled: () => { void client.invalidateQueries(); bookChanged(); } });
  const remove = useMutation({ mutationFn: removeDemo, onSettled: () => { void client.invalidateQueries(); bookChanged(); } });
  const status = useQuery({ queryKey: ['demo'], queryFn: demoStatus, refetchInterval: load.isPending ? 1000 : false });
  const empty = useQuery({
    queryKey: ['accounts', 'total'],
    queryFn: async () => (await get<Page<unknown>>('/api/accounts?take=1')).total === 0,
    enabled: ops && status.data?.accounts === 0,
  });
  const error = load.error ?? remove.error;
  const errorBox = error ? <p className="error-box" role="alert">{adviceOf(error)}</p> : null;

  if (load.isPending) {
    const done = status.data?.accounts ?? 0;
    const total = status.data?.expectedAccounts ?? 60;
    return (
      <section className="demo-banner" role="status" aria-live="polite" data-testid="demo-progress">
        <label htmlFor="demo-progress-bar">Loading the demo book… {done} of {total} accounts</label>
        <progress id="demo-progress-bar" value={done} max={total} />
      </section>
    );
  }
  if (remove.isPending) return <section className="demo-banner" role="status" aria-live="polite">Removing the demo data…</section>;
  if (status.data && status.data.accounts > 0) {
    const remover = () => {
      if (window.confirm(`Remove the demo data? Its ${status.data.accounts} accounts and ${status.data.csms} CSMs are deleted with their usage, tasks and unsent emails, and their running playbooks are cancelled. Your own data stays.`)) remove.mutate();
    };
    return (
      <section className="demo-banner" aria-label="Demo data" data-testid="demo-banner">
        <strong>Demo data loaded</strong>
        <span>{status.data.accounts} sample accounts and {status.data.csms} CSMs, all named “(demo)”.</span>
        {ops ? <button type="button" onClick={remover} data-testid="demo-remove">Remove demo data</button> : <span className="muted">An ops user can remove it.</span>}
        {errorBox}
      </section>
    );
  }
  if (ops && empty.data && offerLoad) {
    return (
      <section className="demo-empty" aria-labelledby="demo-empty-title" data-testid="demo-empty">
        <h2 id="demo-empty-title">Your book is empty</h2>
        <p>
          The demo book is a clearly marked sample: 6 CSMs and 60 accounts named “(demo)” across tiers, industries and every lifecycle
          stage, with 90 days of usage and contracts at every point of their term, so every screen shows something and the shipped
          playbooks have accounts running. Contacts use example.com addresses. Remove it in one click when you are done.
        </p>
        <button type="button" className="primary" onClick={() => load.mutate()} data-testid="demo-load">Load the demo book</button>
        {errorBox}
      </section>
    );
  }
  return errorBox;
}
