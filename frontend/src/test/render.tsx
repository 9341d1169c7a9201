import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';

export function renderWithProviders(ui: ReactElement, { route = '/' }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
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
