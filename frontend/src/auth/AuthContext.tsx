import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { onUnauthorized, tokenStore } from '../api/client';
import { api } from '../api/endpoints';
import type { User } from '../api/types';

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
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [expired, setExpired] = useState(false);

  const me = useQuery({
    queryKey: ['me', token],
    queryFn: api.me,
    enabled: token !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthorized(() => {
        setToken(null);
        setExpired(true);
        queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await api.token({ username, password });
      tokenStore.set(answer.access_token, answer.expires_in);
      queryClient.clear();
      const user = await api.me();
      queryClient.setQueryData(['me', answer.access_token], user);
      setExpired(false);
      setToken(answer.access_token);
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    setExpired(false);
    queryClient.clear();
  }, [queryClient]);

  const refetchMe = me.refetch;
  const refresh = useCallback(async () => {
    if (token === null) return null;
    const answer = await refetchMe();
    return answer.data ?? null;
  }, [token, refetchMe]);

  const value = useMemo<AuthState>(
    () => ({
      user: token ? (me.data ?? null) : null,
      loading: token !== null && me.isPending,
      expired,
      signIn,
      signOut,
      refresh,
    }),
    [token, me.data, me.isPending, expired, signIn, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
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
