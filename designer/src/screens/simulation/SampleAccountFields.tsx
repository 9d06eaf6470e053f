interface Contact { name: string; email: string; role: string }
/** The account a simulation scripts when no stored account is chosen. */
export interface SampleAccount { name: string; tier: string; timeZone: string; contractStart: string; contractEnd: string; contacts: Contact[] }

const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney'];
const ROLES = ['decision-maker', 'champion', 'admin', 'user', 'billing'];

export const newSampleAccount = (contractStart: string, contractEnd: string): SampleAccount => ({
  name: 'Sample Co', tier: 'KA', timeZone: 'Europe/Berlin', contractStart, contractEnd,
  contacts: [{ name: 'Dana Decider', email: 'dana@example.com', role: 'decision-maker' }],
});

/** The inline account document a simulation request takes as `account`. */
export function sampleAccountDocument(account: SampleAccount): Record<string, unknown> {
  return {
    name: account.name, tier: account.tier, timeZone: account.timeZone,
    contract: { start: account.contractStart, end: account.contractEnd },
    contacts: account.contacts.filter((c) => c.name || c.email).map((c, i) => ({ id: `c${i + 1}`, ...c })),
  };
}

/** The scripted account's fields: name, tier, zone, contract and contacts. */
export function SampleAccountFields({ account, onChange }: { account: SampleAccount; onChange(account: SampleAccount): void }) {
  const setContact = (i: number, patch: Partial<Contact>) => onChange({ ...account, contacts: account.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <div className="sample" data-testid="sample-account">
      <div className="field"><label htmlFor="acc-name">Name</label><input id="acc-name" value={account.name} onChange={(e) => onChange({ ...account, name: e.target.value })} /></div>
      <div className="field"><label htmlFor="acc-tier">Tier</label><input id="acc-tier" list="tiers" value={account.tier} onChange={(e) => onChange({ ...account, tier: e.target.value })} />
        <datalist id="tiers"><option value="KA" /><option value="MM" /><option value="SMB" /></datalist></div>
      <div className="field"><label htmlFor="acc-tz">Time zone</label><input id="acc-tz" list="zones" value={account.timeZone} onChange={(e) => onChange({ ...account, timeZone: e.target.value })} />
        <datalist id="zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist></div>
      <div className="row">
        <div className="field"><label htmlFor="acc-cs">Contract start</label><input id="acc-cs" type="date" value={account.contractStart} onChange={(e) => onChange({ ...account, contractStart: e.target.value })} /></div>
        <div className="field"><label htmlFor="acc-ce">Contract end</label><input id="acc-ce" type="date" value={account.contractEnd} onChange={(e) => onChange({ ...account, contractEnd: e.target.value })} /></div>
      </div>
      <fieldset>
        <legend>Contacts</legend>
        {account.contacts.map((c, i) => (
          <div className="row contact" key={i}>
            <input aria-label={`Contact ${i + 1} name`} placeholder="name" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />
            <input aria-label={`Contact ${i + 1} email`} placeholder="email" type="email" value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />
            <input aria-label={`Contact ${i + 1} role`} list="roles" placeholder="role" value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />
            <button type="button" aria-label={`Remove contact ${i + 1}`} onClick={() => onChange({ ...account, contacts: account.contacts.filter((_, j) => j !== i) })}>✕</button>
          </div>
        ))}
        <datalist id="roles">{ROLES.map((r) => <option key={r} value={r} />)}</datalist>
        <button type="button" onClick={() => onChange({ ...account, contacts: [...account.contacts, { name: '', email: '', role: 'user' }] })}>Add contact</button>
      </fieldset>
    </div>
  );
}
