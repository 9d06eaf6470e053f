import { useState } from 'react';
import { post } from '../../api/client';
import { AUTH_TITLE, AuthPage, Field, FormError, formError } from './Form';
import { useFormAction } from './useForm';

/** Asks for a reset link by email; the answer never says whether the address has an account. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/password-reset', { email: email.trim() });
    setSent(true);
  });
  return (
    <AuthPage title="Reset your password" testId="forgot-password">
      {sent ? (
        <p className="notice" role="status" data-testid="reset-sent">If <strong>{email}</strong> belongs to an active account, a link to set a new password is on its way (good for one hour). Check your inbox, then follow the link.</p>
      ) : (
        <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
          <p>Enter the email address you sign in with. We send a link to set a new password.</p>
          <Field id="email" label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
          <FormError message={error ? formError(error, []) : null} />
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Sending…' : 'Send reset link'}</button>
        </form>
      )}
      <a href="/signin">Back to sign in</a>
    </AuthPage>
  );
}
