import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';

export const AUTH_TITLE = 'auth-title';

/** A sign-in page: one card in the middle, a level-1 heading naming it (its forms are labelled by it: `aria-labelledby={AUTH_TITLE}`). */
export function AuthPage({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <main className="screen auth" data-testid={testId}>
      <div className="card">
        <p className="brand-line">CsPlaybooks</p>
        <h1 id={AUTH_TITLE}>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** A labelled input whose error (from the server, by field) is tied to it with aria-describedby. */
export function Field({ id, label, error, hint, ...input }: {
  id: string; label: string; error?: string; hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="error">{error}</p>}
    </div>
  );
}

export const PASSWORD_HINT = 'At least 10 characters; a few words you remember make a good one.';

/** The message for a whole form: field errors are shown beside their fields, the rest here. */
export function formError(e: unknown, fields: string[]): string {
  if (!(e instanceof ApiError)) return String(e);
  const named = fields.filter((f) => e.fieldError(f));
  if (e.status === 400 && named.length) return `${e.title}: fix the field${named.length === 1 ? '' : 's'} marked below.`;
  if (e.status === 400 && e.fieldError('token')) return e.fieldError('token')!;
  return e.status === 401 || e.status === 403 ? e.detail ?? e.advice : e.advice;
}

export const fieldErrorOf = (e: unknown, field: string) => (e instanceof ApiError ? e.fieldError(field) : undefined);

/** The form-level error line, announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  return message ? <p className="error-box" role="alert" data-testid="form-error">{message}</p> : null;
}

/** Email (shown, not editable) and a new password: accepting an invitation and resetting a password. */
export function NewPasswordForm({ email, password, setPassword, busy, error, submit, action, busyText }: {
  email: string; password: string; setPassword(p: string): void; busy: boolean; error: unknown;
  submit(e: React.FormEvent): void; action: string; busyText: string;
}) {
  return (
    <form onSubmit={submit} aria-labelledby={AUTH_TITLE} className="stack">
      <Field id="email" label="Email" type="email" autoComplete="username" value={email} readOnly />
      <Field id="password" label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
        required autoFocus hint={PASSWORD_HINT} error={fieldErrorOf(error, 'password')} />
      <FormError message={error ? formError(error, ['password']) : null} />
      <button type="submit" className="primary" disabled={busy}>{busy ? busyText : action}</button>
    </form>
  );
}
