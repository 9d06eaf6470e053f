import { Link } from '@tanstack/react-router';
import type { HealthView } from '../../api/account360';
import type { Account } from '../../api/types';
import { csmText, trendText } from '../../model/account360';
import { bandClass } from '../../model/success';

/** Who the account is at a glance: tier, stage, health band with its trend, contract end, CSM. */
export function AccountHeader({ account, health }: { account: Account; health?: HealthView }) {
  const current = health?.current ?? account.health ?? null;
  const trend = trendText(health?.trend);
  return (
    <header className="account-head card">
      <p><Link to="/accounts">← Accounts</Link></p>
      <h1>{account.name} <code className="muted">{account.id}</code></h1>
      <dl className="facts account-facts">
        <dt>Tier</dt><dd data-testid="account-tier">{account.tier ?? '—'}</dd>
        <dt>Stage</dt><dd data-testid="account-stage">{account.stage ?? '—'}</dd>
        <dt>Health</dt>
        <dd data-testid="account-health-band">
          {current ? <span className={`badge ${bandClass(current.band)}`}>{current.band} · {current.score}</span> : <span className="muted">not scored yet</span>}{' '}
          <span className="trend" aria-label={`trend: ${trend.words}`} title={`trend: ${trend.words}`}>{trend.arrow}</span> <span className="muted">{trend.words}</span>
        </dd>
        <dt>Contract end</dt><dd data-testid="account-contract">{account.contract ? `${account.contract.end ?? 'open-ended'}` : 'no contract'}</dd>
        <dt>CSM</dt><dd data-testid="account-csm">{csmText(account)}</dd>
        <dt>Time zone</dt><dd>{account.timeZone ?? 'UTC'}</dd>
      </dl>
    </header>
  );
}
