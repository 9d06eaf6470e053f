import { useState } from 'react';
import { ApiError, get, setApiKey } from '../api/client';

/** Asks once for the API key (kept in this browser's localStorage) and checks it against the server. */
export function ConnectForm({ reason, onConnected }: { reason?: string; onConnected(): void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setApiKey(key);
    try {
      await get('/api/step-types');
      onConnected();
    } catch (err) {
      setApiKey(null);
      setError(err instanceof ApiError ? (err.isAuth ? 'The server did not accept this key. Copy it again from data/local-api-key.txt (or ask your admin for a key with the ops role).' : err.advice) : String(err));
    } finally { setBusy(false); }
  };
  return (
    <main className="screen connect">
      <form onSubmit={submit} aria-labelledby="connect-title" className="card">
        <h1 id="connect-title">Connect to CsPlaybooks</h1>
        {reason && <p className="error-box" role="alert">{reason}</p>}
        <p>The designer talks to the CsPlaybooks API with an API key. Running locally, the host printed it at start-up and wrote it to <code>data/local-api-key.txt</code>.</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required autoFocus data-testid="api-key" />
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy || !key.trim()}>{busy ? 'Checking…' : 'Connect'}</button>
        <p className="hint">The key is kept in this browser only.</p>
      </form>
    </main>
  );
}
