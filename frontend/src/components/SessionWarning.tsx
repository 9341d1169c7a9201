import { useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOptionalAuth } from '../auth/AuthContext';
import { onSessionEndChange, sessionExpiresAt } from '../auth/session';
import { useNow } from '../lib/useNow';

/** How long before the sign-in ends the warning shows. */
export const WARN_BEFORE_MS = 5 * 60_000;

/** When the sign-in ends (ms since the epoch), null when unknown. */
export function useSessionEnd(): number | null {
  return useSyncExternalStore(onSessionEndChange, sessionExpiresAt, () => null);
}

/**
 * Shortly before the sign-in ends: how many minutes are left, that the draft is kept, and a way to
 * sign in again now and come back (`returnTo`). When it has ended the app sends the user to sign in
 * and back by itself (auth/session.ts, App's ExpiredRedirect).
 */
export function SessionWarning({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const auth = useOptionalAuth();
  const navigate = useNavigate();
  const end = useSessionEnd();
  const now = useNow(15_000);
  if (end === null || end <= now || end - now > WARN_BEFORE_MS) return null;
  const minutes = Math.max(1, Math.ceil((end - now) / 60_000));
  return (
    <div className="alert alert-warning" role="alert" data-testid="session-warning">
      <span>{t('session.endsSoon', { minutes })}</span>
      {auth && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            auth.signOut();
            navigate(`/signin?next=${encodeURIComponent(returnTo)}`);
          }}
        >
          {t('session.signInAgain')}
        </button>
      )}
    </div>
  );
}
