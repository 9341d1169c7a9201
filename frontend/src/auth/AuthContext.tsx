import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { onUnauthorized, tokenStore } from '../api/client';
import { api } from '../api/endpoints';
import type { User } from '../api/types';
import { endSession, restoreSession, sessionWasRefused, startSession } from './session';

interface AuthState {
  user: User | null;
  loading: boolean;
  expired: boolean;
  signIn: (username: string, password: string) => Promise<User>;
  signOut: () => void;
  /** Reads GET /me again (an organization approved, an invitation accepted). */
  refresh: () => Promise<User | null>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Signed in while an access token is held in memory (api/client.ts); `epoch` names the sign-in,
  // so a renewed token (every half hour) does not ask GET /me again.
  const [signedIn, setSignedIn] = useState(() => tokenStore.get() !== null);
  const [restoring, setRestoring] = useState(() => tokenStore.get() === null);
  const [epoch, setEpoch] = useState(0);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (!restoring) return;
    let current = true;
    // A reload: the session cookie, if there is one, gives a new access token.
    void restoreSession().then((outcome) => {
      if (!current) return;
      setSignedIn(outcome === 'renewed');
      setExpired(outcome === 'ended' && sessionWasRefused());
      setRestoring(false);
    });
    return () => {
      current = false;
    };
  }, [restoring]);

  const me = useQuery({
    queryKey: ['me', epoch],
    queryFn: api.me,
    enabled: signedIn,
    staleTime: 5 * 60_000,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthorized(() => {
        setSignedIn(false);
        setExpired(true);
        queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await api.token({ username, password });
      tokenStore.set(answer.access_token, answer.expires_in);
      if (answer.session_grant) {
        // Without the cookie the sign-in still works, for this page's life only.
        await startSession(answer.session_grant).catch(() => undefined);
      }
      queryClient.clear();
      const user = await api.me();
      const next = epoch + 1;
      queryClient.setQueryData(['me', next], user);
      setExpired(false);
      setEpoch(next);
      setSignedIn(true);
      setRestoring(false);
      return user;
    },
    [queryClient, epoch],
  );

  const signOut = useCallback(() => {
    void endSession();
    setSignedIn(false);
    setExpired(false);
    queryClient.clear();
  }, [queryClient]);

  const refetchMe = me.refetch;
  const refresh = useCallback(async () => {
    if (!signedIn) return null;
    const answer = await refetchMe();
    return answer.data ?? null;
  }, [signedIn, refetchMe]);

  const value = useMemo<AuthState>(
    () => ({
      user: signedIn ? (me.data ?? null) : null,
      loading: restoring || (signedIn && me.isPending),
      expired,
      signIn,
      signOut,
      refresh,
    }),
    [signedIn, restoring, me.data, me.isPending, expired, signIn, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The sign-in state where there may be none (a screen shown outside the provider, as in tests). */
export function useOptionalAuth(): AuthState | null {
  return useContext(AuthContext);
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

export function homePath(user: User): string {
  if (user.role === 'candidate') return '/candidate';
  if (user.role === 'admin') return '/recruiter/interviews';
  return '/recruiter/interviews';
}
