import { useRef } from 'react';
import { useSearchParams } from 'react-router';

/** A list's filters kept in the URL (so a reload or a shared link keeps them). Changing any
 * filter but the page goes back to the first page. */
export function useUrlFilters(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  // The search last asked for, until the router renders it: two changes made before the next
  // render (a quick user, a debounced field firing) must build on each other, not on the
  // `params` of the last render, or the first change is lost.
  const pending = useRef<string | null>(null);
  if (pending.current === params.toString()) pending.current = null;
  function update(key: string, value: string) {
    const next = new URLSearchParams(pending.current ?? params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    pending.current = next.toString();
    setParams(next, { replace: true });
  }
  return [params, update];
}
