/** An event a simulation scripts: on day N after the start, at a UTC time. */
export interface ScriptedEvent { day: number; time: string; name: string; data: string }

const addDays = (date: string, days: number) => { const d = new Date(`${date}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };

/** What is wrong with each event, or null. */
export function eventErrors(events: ScriptedEvent[]): (string | null)[] {
  return events.map((e) => {
    if (!e.name.trim()) return 'name the event, e.g. account.opened';
    if (e.data.trim()) { try { const v = JSON.parse(e.data); if (typeof v !== 'object' || Array.isArray(v) || v === null) return 'data must be a JSON object'; } catch { return 'data is not valid JSON'; } }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(e.time)) return 'time as HH:mm';
    return null;
  });
}

/** The request's `events` (valid events only: check eventErrors first). */
export function scriptedEventsRequest(events: ScriptedEvent[], start: string) {
  return events.map((e) => ({ at: `${addDays(start, e.day)}T${e.time}:00Z`, name: e.name.trim(), data: e.data.trim() ? JSON.parse(e.data) : undefined }));
}

export function ScriptedEvents({ events, errors, onChange }: { events: ScriptedEvent[]; errors: (string | null)[]; onChange(events: ScriptedEvent[]): void }) {
  const setEvent = (i: number, patch: Partial<ScriptedEvent>) => onChange(events.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <fieldset>
      <legend>Scripted events</legend>
      {events.length === 0 && <p className="hint">None. Add e.g. <code>account.opened</code> on day 3 to see a wait for that event end.</p>}
      {events.map((e, i) => (
        <div className="event-row" key={i}>
          <label>Day <input type="number" min={0} aria-label={`Event ${i + 1} day after start`} value={e.day} onChange={(x) => setEvent(i, { day: Math.max(0, Number(x.target.value) || 0) })} data-testid={`event-day-${i}`} /></label>
          <input type="time" aria-label={`Event ${i + 1} time (UTC)`} value={e.time} onChange={(x) => setEvent(i, { time: x.target.value })} />
          <input aria-label={`Event ${i + 1} name`} placeholder="account.opened" value={e.name} onChange={(x) => setEvent(i, { name: x.target.value })} data-testid={`event-name-${i}`} />
          <input aria-label={`Event ${i + 1} data (JSON object, optional)`} placeholder='{"module":"crm"}' className="mono" value={e.data} onChange={(x) => setEvent(i, { data: x.target.value })} />
          <button type="button" aria-label={`Remove event ${i + 1}`} onClick={() => onChange(events.filter((_, j) => j !== i))}>✕</button>
          {errors[i] && <p className="error" role="alert">Event {i + 1}: {errors[i]}</p>}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...events, { day: 3, time: '09:00', name: '', data: '' }])} data-testid="add-event">Add event</button>
    </fieldset>
  );
}
