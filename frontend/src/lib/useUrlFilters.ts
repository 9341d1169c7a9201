import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** A list's filters kept in the URL (so a reload or a shared link keeps them). Changing any
 * filter but the page goes back to the first page. */
export function useUrlFilters(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  // The search last asked for (`next`, built on `base`), until the router has committed it: two
  // changes made before then (a quick user, a debounced field firing) must build on each other,
  // not on the `params` of the last committed render, or the first change is lost. The router
  // navigates in a transition, whose render React may start and throw away: so this is settled in
  // an effect (after a commit), never during render.
  const pending = useRef<{ base: string; next: string } | null>(null);
  const current = params.toString();
  useEffect(() => {
    // Done when the search asked for is the one shown; given up when the URL moved elsewhere
    // (a link, the back button) rather than to a step on the way.
    if (pending.current && (current === pending.current.next || current !== pending.current.base)) pending.current = null;
  }, [current]);
  function update(key: string, value: string) {
    const base = pending.current?.next ?? current;
    const next = new URLSearchParams(base);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    pending.current = { base, next: next.toString() };
    setParams(next, { replace: true });
  }
  return [params, update];
}
