import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { tokenStore } from '../api/client';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { QuestionEdit, QuestionNew } from './recruiter/QuestionBank';
import { AdminUsers } from './admin/AdminUsers';

afterEach(() => vi.unstubAllGlobals());

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

const RECRUITER = {
  id: 5, email: 'r@example.com', username: 'rita', role: 'recruiter', full_name: null, created_at: '2026-01-01T00:00:00Z',
  organization: { id: 3, name: 'Acme', status: 'approved', role: 'owner' },
};

function renderQuestionPages(routes: Parameters<typeof fakeFetch>[0]) {
  setConfig({ apiUrl: 'http://api.test' });
  tokenStore.set('recruiter-token', 3600);
  const fake = fakeFetch([
    [/GET .*\/me$/, () => ({ status: 200, body: RECRUITER })],
    [/GET .*\/questions\/\d+\/versions$/, () => ({ status: 200, body: [] })],
    ...routes,
  ]);
  vi.stubGlobal('fetch', fake.fn);
  renderWithProviders(
    <Routes>
      <Route path="/recruiter/questions/new" element={<QuestionNew />} />
      <Route path="/recruiter/questions/:id" element={<QuestionEdit />} />
    </Routes>,
    { route: '/recruiter/questions/new', auth: true },
  );
  return fake;
}

describe('question form with its rubric', () => {
  it('explains what is missing and sends nothing until the rubric is valid, then creates the question', async () => {
    let created: Record<string, unknown> | null = null;
    const fake = renderQuestionPages([
      [/POST .*\/questions$/, () => ((created = { id: 77, organization_id: 3, owner: 'organization', version: 1, usage_count: 0, avg_score: null, ...(fake.calls.at(-1)?.body as object) }), { status: 201, body: created })],
      [/GET .*\/questions\/77$/, () => ({ status: 200, body: created })],
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Create question' }));
    expect(await screen.findByText('Write the question.')).toBeTruthy();
    expect(screen.getByText('Name the criterion.')).toBeTruthy();
    expect(screen.getByText('Please correct the marked fields.')).toBeTruthy();
    expect(screen.getByLabelText('Question').getAttribute('aria-invalid')).toBe('true');

    change(screen.getByLabelText('Question'), 'How would you paginate a large table?');
    change(screen.getByLabelText('Category'), 'technical');
    change(screen.getByLabelText('Difficulty'), 'hard');
    const first = within(screen.getByRole('group', { name: 'Criterion 1' }));
    change(first.getByLabelText('Name'), 'pagination');
    change(first.getByLabelText('Weight'), '3');
    change(first.getByLabelText('Keywords'), 'cursor, offset');
    fireEvent.click(screen.getByRole('button', { name: '+ Add criterion' }));
    const second = within(screen.getByRole('group', { name: 'Criterion 2' }));
    expect(document.activeElement).toBe(second.getByLabelText('Name')); // the new row gets the focus
    change(second.getByLabelText('Name'), 'PAGINATION');
    change(second.getByLabelText('Weight'), '0');
    fireEvent.click(screen.getByRole('button', { name: 'Create question' }));
    expect(await screen.findByText('Another criterion has this name.')).toBeTruthy();
    expect(screen.getByText('A number above 0 and at most 100.')).toBeTruthy();
    expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    change(second.getByLabelText('Name'), 'consistency');
    change(second.getByLabelText('Weight'), '1');
    expect(first.getByText('Relative; this criterion counts for 75%.')).toBeTruthy();
    change(screen.getByLabelText('Expected points'), 'stable sort key\nnext cursor');
    fireEvent.click(screen.getByRole('button', { name: 'Create question' }));
    await waitFor(() => expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(fake.calls.find((call) => call.method === 'POST')?.body).toEqual({
      content: 'How would you paginate a large table?',
      category: 'technical',
      difficulty: 'hard',
      position: null,
      language: 'en',
      is_active: true,
      rubric_json: {
        criteria: [
          { name: 'pagination', description: '', weight: 3, keywords: ['cursor', 'offset'] },
          { name: 'consistency', description: '', weight: 1, keywords: [] },
        ],
        expected_points: ['stable sort key', 'next cursor'],
      },
    });
    // Then the question's own page, with its usage.
    expect(await screen.findByRole('heading', { name: /Question #77/ })).toBeTruthy();
    expect(screen.getByText('Question created.')).toBeTruthy();
    expect(screen.getByTestId('usage-count').textContent).toBe('0');
    expect(screen.getByTestId('avg-score').textContent).toBe('not scored yet');
  });

  it('removes a criterion row, and says so when the bank already has the question (409)', async () => {
    renderQuestionPages([[/POST .*\/questions$/, () => ({ status: 409, body: { detail: 'The bank already has this question in this language' } })]]);
    expect(await screen.findByRole('button', { name: 'Remove criterion 1' })).toHaveProperty('disabled', true); // at least one stays
    fireEvent.click(screen.getByRole('button', { name: '+ Add criterion' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove criterion 2' }));
    expect(screen.queryByRole('group', { name: 'Criterion 2' })).toBeNull();
    change(screen.getByLabelText('Question'), 'Tell me about yourself.');
    change(within(screen.getByRole('group', { name: 'Criterion 1' })).getByLabelText('Name'), 'clarity');
    fireEvent.click(screen.getByRole('button', { name: 'Create question' }));
    expect(await screen.findByText('The bank already has this question in this language.')).toBeTruthy();
  });
});

const USERS = [
  { id: 1, email: 'a@example.com', username: 'admin', role: 'admin', full_name: 'Ada Admin', created_at: '2026-01-01T00:00:00Z', organization: null },
  { id: 2, email: 'r@example.com', username: 'rita', role: 'candidate', full_name: null, created_at: '2026-01-02T00:00:00Z', organization: null as null | Record<string, unknown> },
];
const ORGANIZATIONS = [
  { id: 3, name: 'Acme', status: 'approved', created_at: '2026-01-01T00:00:00Z', approved_at: '2026-01-01T00:00:00Z', owner_username: 'o', owner_email: 'o@example.com', owner_full_name: null, member_count: 1 },
];

describe('users and roles', () => {
  function renderAdmin() {
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('admin-token', 3600);
    const users = USERS.map((user) => ({ ...user }));
    const fake = fakeFetch([
      [/GET .*\/me$/, () => ({ status: 200, body: users[0] })],
      [/GET .*\/users(\?.*)?$/, () => ({ status: 200, body: users })],
      [/GET .*\/organizations(\?.*)?$/, () => ({ status: 200, body: ORGANIZATIONS })],
      [
        /PATCH .*\/users\/2$/,
        () => (
          (users[1].role = (fake.calls.at(-1)?.body as { role: string }).role),
          (users[1].organization = { id: 3, name: 'Acme', status: 'approved', role: 'member' }),
          { status: 200, body: users[1] }
        ),
      ],
      [/PATCH .*\/users\/1$/, () => ({ status: 409, body: { detail: 'Admins cannot remove their own admin role; ask another admin' } })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    renderWithProviders(<AdminUsers />, { route: '/admin/users', auth: true });
    return fake;
  }

  it('changes a role with the button, not on selection alone', async () => {
    const fake = renderAdmin();
    const select = await screen.findByLabelText('Role of rita');
    const button = screen.getByRole('button', { name: 'Change role: rita' });
    expect(button).toHaveProperty('disabled', true);
    change(select, 'recruiter');
    expect(fake.calls.some((call) => call.method === 'PATCH')).toBe(false);
    // A recruiter belongs to an organization: it is asked for before anything is sent.
    fireEvent.click(button);
    expect(await screen.findByText('Choose the organization this recruiter joins.')).toBeTruthy();
    expect(fake.calls.some((call) => call.method === 'PATCH')).toBe(false);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Acme' })).toBeTruthy());
    change(screen.getByLabelText('Organization for rita'), '3');
    fireEvent.click(button);
    expect(await screen.findByText('rita is now: Recruiter of Acme.')).toBeTruthy();
    expect(fake.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ role: 'recruiter', organization_id: 3 });
    await waitFor(() => expect((screen.getByLabelText('Role of rita') as HTMLSelectElement).value).toBe('recruiter'));
  });

  it('explains the 409 when an admin tries to drop their own admin role, and keeps the role shown', async () => {
    renderAdmin();
    const row = within((await screen.findByText('(you)')).closest('tr') as HTMLElement);
    change(row.getByLabelText('Role of Ada Admin'), 'candidate');
    fireEvent.click(row.getByRole('button', { name: 'Change role: Ada Admin' }));
    expect(await row.findByRole('alert')).toHaveProperty('textContent', 'You cannot remove your own administrator role: ask another administrator.');
    expect((row.getByLabelText('Role of Ada Admin') as HTMLSelectElement).value).toBe('admin');
  });

  it('filters by role through the API', async () => {
    const fake = renderAdmin();
    await screen.findByLabelText('Role of rita');
    change(screen.getByLabelText('Role'), 'recruiter');
    await waitFor(() => expect(fake.calls.some((call) => call.url.includes('/users?role=recruiter'))).toBe(true));
  });
});
