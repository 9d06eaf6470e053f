const TIERS = ['KA', 'ordinary', 'micro'];
const BANDS = ['red', 'yellow', 'green', 'unscored'];

/** The account list's server-side filters: tier and health band (empty: all). */
export function AccountListFilters({ tier, band, onTier, onBand }: { tier: string; band: string; onTier(v: string): void; onBand(v: string): void }) {
  return (
    <>
      <label htmlFor="account-tier">Tier</label>
      <select id="account-tier" value={tier} onChange={(e) => onTier(e.target.value)} data-testid="account-tier">
        <option value="">All tiers</option>
        {TIERS.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <label htmlFor="account-band">Health</label>
      <select id="account-band" value={band} onChange={(e) => onBand(e.target.value)} data-testid="account-band">
        <option value="">All bands</option>
        {BANDS.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
    </>
  );
}

/** Where the last page of `total` rows starts, `page` rows a page. */
export const lastPageSkip = (total: number, page: number) => Math.max(0, Math.floor((total - 1) / page) * page);
