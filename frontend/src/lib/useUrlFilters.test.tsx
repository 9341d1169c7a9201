import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Link, MemoryRouter, useLocation } from 'react-router';
import { useUrlFilters } from './useUrlFilters';

function Filters() {
  const [params, update] = useUrlFilters();
  const location = useLocation();
  return (
    <>
      <output data-testid="search">{location.search}</output>
      <output data-testid="category">{params.get('category') ?? ''}</output>
      {/* Three changes before React renders again, as when a user (or a test) is quicker than a render. */}
      <button type="button" onClick={() => { update('category', 'technical'); update('difficulty', 'hard'); update('q', 'cursor'); }}>quick</button>
      <button type="button" onClick={() => update('category', '')}>clear</button>
      <button type="button" onClick={() => update('page', '3')}>page</button>
      <Link to="/questions?language=ko">elsewhere</Link>
    </>
  );
}

function renderAt(route: string) {
  render(<MemoryRouter initialEntries={[route]}><Filters /></MemoryRouter>);
  return () => new URLSearchParams(screen.getByTestId('search').textContent ?? '');
}

describe('filters kept in the URL', () => {
  it('keeps every change made before the next render', () => {
    const search = renderAt('/questions?language=en');
    fireEvent.click(screen.getByText('quick'));
    expect(Object.fromEntries(search())).toEqual({ language: 'en', category: 'technical', difficulty: 'hard', q: 'cursor' });
    expect(screen.getByTestId('category').textContent).toBe('technical');
  });

  it('builds on the URL again once it moved elsewhere (a link, the back button)', () => {
    const search = renderAt('/questions?language=en');
    fireEvent.click(screen.getByText('quick'));
    fireEvent.click(screen.getByText('elsewhere'));
    expect(search().toString()).toBe('language=ko');
    fireEvent.click(screen.getByText('page'));
    expect(Object.fromEntries(search())).toEqual({ language: 'ko', page: '3' });
  });

  it('drops an emptied filter and goes back to the first page on any change but the page', () => {
    const search = renderAt('/questions?category=technical&page=2');
    fireEvent.click(screen.getByText('page'));
    expect(search().get('page')).toBe('3');
    fireEvent.click(screen.getByText('clear'));
    expect(search().toString()).toBe('');
  });
});
