/**
 * A quick, local preview of a Liquid template for the sample account: fills {{ path }} and shows tags as they are.
 * It is an approximation (filters are ignored); the simulation renders templates with the real engine.
 */
export const SAMPLE_MODEL: Record<string, unknown> = {
  account: { name: 'Sample Co', tier: 'KA', stage: 'onboarding', timeZone: 'Europe/Berlin', industry: 'retail' },
  contract: { start: '2026-01-01', end: '2026-12-31', value: 12000, currency: 'EUR' },
  contacts: [{ name: 'Dana Decider', email: 'dana@example.com', role: 'decision-maker' }],
  csm: { name: 'Casey CSM', email: 'casey@example.com' },
  playbook: { name: 'This playbook' },
  variables: {},
};

function lookup(path: string, model: Record<string, unknown>): unknown {
  let current: unknown = model;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    current = m ? ((current as Record<string, unknown[]>)[m[1]] ?? [])[Number(m[2])] : (current as Record<string, unknown>)[part];
  }
  return current;
}

export function previewTemplate(template: string, model: Record<string, unknown> = SAMPLE_MODEL): string {
  return template.replace(/\{\{\s*([\w.[\]]+)[^}]*\}\}/g, (_m, path: string) => {
    const v = lookup(path, model);
    return v === undefined || v === null ? `[${path}?]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}
