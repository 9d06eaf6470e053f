/** Words for the sign-in screens: the server's codes and states as sentences that say what to do. */

/** `/signin?error=CODE` after single sign-on (docs/auth.md). */
export function singleSignOnError(code: string, provider = 'your company account'): string {
  switch (code) {
    case 'no-role': return `Signed in with ${provider}, but none of your groups gives you a role in CsPlaybooks. Ask an ops user to add your group to Auth:Oidc:Roles, or sign in with a password.`;
    case 'deactivated': return 'Your CsPlaybooks account is deactivated. Ask an ops user to reactivate it.';
    case 'no-email': return `${provider} did not send your email address. Ask your administrator to release the email claim to CsPlaybooks.`;
    case 'no-subject': return `${provider} did not say who you are (no subject). Ask your administrator to check the CsPlaybooks app registration.`;
    case 'create-failed': return 'Your account could not be created. Ask an ops user: there may already be an account with your email address.';
    default: return `Single sign-on did not complete (cancelled, or the answer was refused). Try again, or sign in with a password.`;
  }
}

/** A refused password sign-in: the `reason` member of the 401/403 answer. */
export function loginRefusal(reason: unknown, lockedUntil?: unknown): string {
  if (reason === 'locked-out') {
    const until = typeof lockedUntil === 'string' ? ` until ${new Date(lockedUntil).toLocaleTimeString()}` : ' for a while';
    return `Too many wrong passwords: this account is locked${until}. Wait, or use "Forgot your password?" to set a new one (that also unlocks it).`;
  }
  if (reason === 'deactivated') return 'This account is deactivated. Ask an ops user to reactivate it.';
  return 'The email or password is wrong. Check both and try again, or use "Forgot your password?".';
}

export interface UserRow { active: boolean; hasPassword: boolean; lockedOut: boolean; signInWith: string[]; lastSignInAt?: string | null }

/** A person's state in the users list: an invitation not yet accepted shows as pending. */
export function userState(u: UserRow): 'deactivated' | 'invitation pending' | 'locked out' | 'active' {
  if (!u.active) return 'deactivated';
  if (!u.hasPassword && u.signInWith.length === 0) return 'invitation pending';
  if (u.lockedOut) return 'locked out';
  return 'active';
}

export const expiryChoices = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
  { value: 'date', label: 'On a date…' },
] as const;

/**
 * The `expiresAt` to send for an expiry choice: undefined for "never", the end of the chosen day (UTC) for a date,
 * else now plus that many days. Null when a date is asked for but missing or not in the future.
 */
export function expiryFor(choice: string, date: string, now: Date): string | undefined | null {
  if (choice === 'never') return undefined;
  if (choice === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    const end = new Date(`${date}T23:59:59Z`);
    return Number.isNaN(end.getTime()) || end <= now ? null : end.toISOString();
  }
  const days = Number(choice);
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
