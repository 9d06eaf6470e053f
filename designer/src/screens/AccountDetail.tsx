import { Link } from '@tanstack/react-router';
import { ApiError } from '../api/client';
import { useMe } from '../api/me';
import {
  useAccount, useAccountEmails, useAccountHealth, useAccountInstances, useAccountTimeline, useAccountUsage, useOpenTasks, useSuccessCriteria,
} from '../api/account360';
import { canEditCriteria } from '../model/account360';
import { AccountHeader } from './account/AccountHeader';
import { ContractsSection } from './account/ContractsSection';
import { HealthSection } from './account/HealthSection';
import { SuccessCriteriaSection } from './account/SuccessCriteriaSection';
import { TimelineSection } from './account/TimelineSection';
import { UsageSection } from './account/UsageSection';
import { EmailsSection, OpenTasksSection, PlaybooksSection } from './account/WorkSection';

/**
 * Account 360: who the account is (tier, stage, health and trend, contract end, CSM), its contracts and their history,
 * the agreed success criteria and their progress, health and usage over time, open tasks, emails, the playbooks it is
 * in and where each waits, and its whole timeline. Each section loads on its own.
 */
export function AccountDetail({ id }: { id: string }) {
  const { me } = useMe();
  const account = useAccount(id);
  const health = useAccountHealth(id);
  const usage = useAccountUsage(id);
  const criteria = useSuccessCriteria(id);
  const tasks = useOpenTasks(id);
  const emails = useAccountEmails(id);
  const instances = useAccountInstances(id);
  const timeline = useAccountTimeline(id);

  if (account.isError) {
    const e = account.error;
    const text = e instanceof ApiError ? (e.status === 404 ? `There is no account "${id}". Go back to the account list and pick one.` : e.advice) : String(e);
    return <main className="screen"><p><Link to="/accounts">← Accounts</Link></p><p className="error-box" role="alert">{text}</p></main>;
  }
  if (account.isPending) return <main className="screen"><p aria-busy="true">Loading…</p></main>;
  return (
    <main className="screen account-detail account-360">
      <AccountHeader account={account.data} health={health.data} />
      <div className="account-grid">
        <ContractsSection account={account.data} />
        <SuccessCriteriaSection accountId={id} query={criteria} canEdit={canEditCriteria(me, account.data)} />
      </div>
      <HealthSection accountId={id} query={health} />
      <UsageSection query={usage} />
      <div className="account-grid">
        <OpenTasksSection query={tasks} />
        <EmailsSection query={emails} />
        <PlaybooksSection query={instances} />
      </div>
      <TimelineSection query={timeline} />
    </main>
  );
}
