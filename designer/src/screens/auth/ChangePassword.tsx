import { useState } from 'react';
import { post } from '../../api/client';
import { useToast } from '../../components/Toast';
import { Field, FormError, PASSWORD_HINT, fieldErrorOf, formError } from './Form';
import { useFormAction } from './useForm';

/** The signed-in person's password: this session goes on, every other one ends. */
export function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const toast = useToast((s) => s.show);
  const { busy, error, submit } = useFormAction(async () => {
    await post('/api/auth/password', { currentPassword: current, newPassword: next });
    setCurrent(''); setNext('');
    toast('Password changed. Your other sessions (other browsers) are signed out.');
  });
  return (
    <main className="screen">
      <h1 id="change-password-title">Change your password</h1>
      <form onSubmit={submit} aria-labelledby="change-password-title" className="card stack narrow">
        <Field id="current-password" label="Current password" type="password" autoComplete="current-password" value={current}
          onChange={(e) => setCurrent(e.target.value)} required error={fieldErrorOf(error, 'currentPassword')} />
        <Field id="new-password" label="New password" type="password" autoComplete="new-password" value={next}
          onChange={(e) => setNext(e.target.value)} required hint={PASSWORD_HINT} error={fieldErrorOf(error, 'newPassword')} />
        <FormError message={error ? formError(error, ['currentPassword', 'newPassword']) : null} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Change password'}</button>
      </form>
    </main>
  );
}
