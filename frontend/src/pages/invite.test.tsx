import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { tokenStore } from '../api/client';
import { setConfig } from '../config';
import { fakeFetch, renderWithProviders } from '../test/render';
import { InvitePage } from './Invite';

afterEach(() => vi.unstubAllGlobals());

const PREVIEW = {
  kind: 'candidate',
  organization_name: 'Acme 채용팀',
  job_posting_title: 'Backend Engineer (Seoul)',
  position: 'Backend Developer',
  email: 'jiwoo@example.org',
  language: 'en',
  status: 'pending',
  expires_at: '2099-07-01T00:00:00Z',
  deadline: '2099-06-30T09:00:00Z',
};

function renderInvite(routes: Parameters<typeof fakeFetch>[0], { route = '/invite?token=12.abc', signedIn = false } = {}) {
  setConfig({ apiUrl: 'http://api.test' });
  if (signedIn) tokenStore.set('token', 3600);
  const fake = fakeFetch(routes);
  vi.stubGlobal('fetch', fake.fn);
  renderWithProviders(
    <Routes>
      <Route path="/invite" element={<InvitePage />} />
      <Route path="/interviews/:id/room" element={<p>room of the interview</p>} />
      <Route path="/recruiter/interviews" element={<p>the console</p>} />
      <Route path="/signin" element={<p>sign in page</p>} />
    </Routes>,
    { route, auth: true },
  );
  return fake;
}

describe('invitation page', () => {
  it('shows what a valid link invites to before any sign-in, and offers sign-up with the invited address or sign-in', async () => {
    const fake = renderInvite([[/POST .*\/invitations\/preview$/, () => ({ status: 200, body: PREVIEW })]]);
    expect(await screen.findByRole('heading', { name: 'Acme 채용팀 invites you to an interview: Backend Engineer (Seoul)' })).toBeTruthy();
    const facts = within(screen.getByTestId('invite-facts'));
    expect(facts.getByTestId('invite-organization').textContent).toBe('Acme 채용팀');
    expect(facts.getByTestId('invite-posting').textContent).toContain('Backend Engineer (Seoul)');
    expect(facts.getByTestId('invite-posting').textContent).toContain('Backend Developer');
    expect(facts.getByTestId('invite-email').textContent).toBe('jiwoo@example.org');
    expect(facts.getByTestId('invite-deadline').textContent).toMatch(/2099/);
    expect(facts.getByTestId('invite-expires').textContent).toMatch(/2099/);
    // The address is the invitation's: shown, not editable.
    const email = screen.getByLabelText('Email') as HTMLInputElement;
    expect(email.value).toBe('jiwoo@example.org');
    expect(email.readOnly).toBe(true);
    expect(screen.getByText('You sign up as a candidate with the invited address.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(`/signin?next=${encodeURIComponent('/invite?token=12.abc')}`);
    expect(fake.calls[0].body).toEqual({ token: '12.abc' });
    expect(fake.calls[0].headers.Authorization).toBeUndefined();
  });

  it('signs up with the invitation token (no role: the invitation decides), accepts and lands in the interview room', async () => {
    const fake = renderInvite([
      [/POST .*\/invitations\/preview$/, () => ({ status: 200, body: PREVIEW })],
      [/POST .*\/register$/, () => ({ status: 201, body: { id: 9, email: PREVIEW.email, username: 'jiwoo', role: 'candidate', organization: null } })],
      [/POST .*\/token$/, () => ({ status: 200, body: { access_token: 'new-token', expires_in: 1800 } })],
      [/GET .*\/me$/, () => ({ status: 200, body: { id: 9, email: PREVIEW.email, username: 'jiwoo', role: 'candidate', full_name: null, organization: null } })],
      [/POST .*\/invitations\/accept$/, () => ({ status: 200, body: { kind: 'candidate', invitation_id: 12, organization_id: 3, job_posting_id: 4, interview_id: 41 } })],
    ]);
    await screen.findByTestId('invite-signup');
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'jiwoo' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'password123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and accept' }));
    expect(await screen.findByText('room of the interview')).toBeTruthy();
    const register = fake.calls.find((call) => call.url.endsWith('/register'));
    expect(register?.body).toEqual({ email: 'jiwoo@example.org', username: 'jiwoo', password: 'password123', invitation_token: '12.abc' });
    const accept = fake.calls.find((call) => call.url.endsWith('/invitations/accept'));
    expect(accept?.body).toEqual({ token: '12.abc' });
    expect(accept?.headers.Authorization).toBe('Bearer new-token');
  });

  it.each([
    ['invalid', 404, 'This invitation link is not valid: check that it was copied whole', 'This invitation link is not valid'],
    ['withdrawn', 409, 'This invitation was withdrawn by the organization', 'This invitation was withdrawn'],
    ['expired', 409, 'This invitation has expired: ask the organization to send it again', 'This invitation has expired'],
  ])('says clearly when the link is %s', async (problem, status, detail, heading) => {
    renderInvite([[/POST .*\/invitations\/preview$/, () => ({ status, body: { detail } })]]);
    const card = await screen.findByTestId('invite-problem');
    expect(card.dataset.problem).toBe(problem);
    expect(within(card).getByRole('heading', { level: 1 }).textContent).toBe(heading);
    expect(within(card).getByTestId('invite-problem-detail').textContent).toBe(detail);
    expect(screen.queryByTestId('invite-signup')).toBeNull();
  });

  it('says the link is not valid when it has no token, without asking the API', async () => {
    const fake = renderInvite([], { route: '/invite' });
    expect((await screen.findByTestId('invite-problem')).dataset.problem).toBe('invalid');
    expect(fake.calls.some((call) => call.url.includes('/invitations/preview'))).toBe(false);
  });

  it('signed in as another address: says so and offers to sign out instead of accepting', async () => {
    renderInvite(
      [
        [/POST .*\/invitations\/preview$/, () => ({ status: 200, body: PREVIEW })],
        [/GET .*\/me$/, () => ({ status: 200, body: { id: 2, email: 'someone@example.org', username: 'someone', role: 'candidate', full_name: null, organization: null } })],
      ],
      { signedIn: true },
    );
    expect((await screen.findByTestId('invite-other-account')).textContent).toContain('someone@example.org');
    expect(screen.getByTestId('invite-other-account').textContent).toContain('jiwoo@example.org');
    expect(screen.queryByRole('button', { name: 'Accept and go to the interview' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('signed in with the invited address: accepts a member invitation and opens the console, showing a refusal in the API’s words', async () => {
    let accepts = 0;
    const fake = renderInvite(
      [
        [/POST .*\/invitations\/preview$/, () => ({ status: 200, body: { ...PREVIEW, kind: 'member', job_posting_title: null, position: null, deadline: null } })],
        [/GET .*\/me$/, () => ({ status: 200, body: { id: 2, email: 'JIWOO@example.org', username: 'jiwoo', role: 'candidate', full_name: null, organization: null } })],
        [
          /POST .*\/invitations\/accept$/,
          () =>
            ++accepts === 1
              ? { status: 403, body: { detail: 'This account already belongs to another organization' } }
              : { status: 200, body: { kind: 'member', invitation_id: 12, organization_id: 3, job_posting_id: null, interview_id: null } },
        ],
      ],
      { signedIn: true },
    );
    expect(await screen.findByRole('heading', { name: 'Join Acme 채용팀 as a recruiter' })).toBeTruthy();
    const button = await screen.findByRole('button', { name: 'Accept and join Acme 채용팀' });
    fireEvent.click(button);
    expect(await screen.findByText('Not allowed: This account already belongs to another organization')).toBeTruthy();
    fireEvent.click(button);
    expect(await screen.findByText('the console')).toBeTruthy();
    await waitFor(() => expect(fake.calls.filter((call) => call.url.endsWith('/me')).length).toBeGreaterThanOrEqual(2)); // read again after joining
  });
});
