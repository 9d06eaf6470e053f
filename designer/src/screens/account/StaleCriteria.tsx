import { useQueryClient } from '@tanstack/react-query';

/** A save refused with 409: someone else changed the criteria since they were read. Reload shows theirs; then edit again. */
export function StaleCriteria({ accountId, onReloaded }: { accountId: string; onReloaded(): void }) {
  const client = useQueryClient();
  return (
    <div className="error-box" role="alert" data-testid="criteria-stale">
      <p>Someone else changed these success criteria since you opened them, so your change was not saved. Reload to see theirs, then make yours again.</p>
      <button type="button" data-testid="criteria-reload"
        onClick={() => { void client.invalidateQueries({ queryKey: ['account', accountId] }).then(onReloaded); }}>Reload the criteria</button>
    </div>
  );
}
