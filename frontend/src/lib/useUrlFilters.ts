import { useSearchParams } from 'react-router';

/** A list's filters kept in the URL (so a reload or a shared link keeps them). Changing any
 * filter but the page goes back to the first page. */
export function useUrlFilters(): [URLSearchParams, (key: string, value: string) => void] {
  const [params, setParams] = useSearchParams();
  function update(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  }
  return [params, update];
}
