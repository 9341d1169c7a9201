import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { AuthProvider } from '../auth/AuthContext';

/** Renders with a query client and a router; `auth` adds the signed-in user's provider (it asks GET /me). */
export function renderWithProviders(ui: ReactElement, { route = '/', auth = false }: { route?: string; auth?: boolean } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const routed = <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>;
  return render(<QueryClientProvider client={client}>{auth ? <AuthProvider>{routed}</AuthProvider> : routed}</QueryClientProvider>);
}

/** A fetch stand-in answering from a list of [matcher, response] pairs, recording the calls. */
export function fakeFetch(routes: [RegExp, () => { status: number; body?: unknown; headers?: Record<string, string> }][]) {
  const calls: { method: string; url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: (init?.headers ?? {}) as Record<string, string> });
    for (const [pattern, answer] of routes) {
      if (pattern.test(`${method} ${url}`)) {
        const { status, body, headers } = answer();
        return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
      }
    }
    return new Response(JSON.stringify({ detail: `no fake for ${method} ${url}` }), { status: 404 });
  };
  return { fn: fn as typeof fetch, calls };
}
