import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { tokenStore } from '../api/client';
import { setConfig } from '../config';
import { App } from '../App';
import { fakeFetch, renderWithProviders } from '../test/render';
import { CandidateHome } from './CandidateHome';
import { PostingDetail } from './recruiter/PostingDetail';
import { QuestionBank, QuestionEdit } from './recruiter/QuestionBank';
import { AuditTrail } from './Audit';
import { AdminOrganizations } from './admin/AdminOrganizations';
import { ReportView } from '../components/ReportView';
import { InterviewTable } from '../components/InterviewTable';
import { candidateReport, staffReport } from '../test/reports';

afterEach(() => vi.unstubAllGlobals());

const RECRUITER = {
  id: 5,
  email: 'rita@acme.example',
  username: 'rita',
  role: 'recruiter',
  full_name: 'Rita Recruiter',
  created_at: '2026-01-01T00:00:00Z',
  organization: { id: 3, name: 'Acme', status: 'approved', role: 'owner' },
};
const PENDING = { ...RECRUITER, organization: { ...RECRUITER.organization, status: 'pending' } };
const ADMIN = { ...RECRUITER, id: 1, username: 'ada', role: 'admin', full_name: 'Ada Admin', organization: null };
const CANDIDATE = { ...RECRUITER, id: 9, username: 'jiwoo', role: 'candidate', full_name: 'Kim Jiwoo', organization: null };

const INTERVIEW = {
  id: 11,
  candidate_id: 9,
  candidate_username: 'jiwoo',
  candidate_full_name: 'Kim Jiwoo',
  kind: 'practice',
  job_posting_id: null,
  job_posting_title: null,
  organization_id: null,
  position: 'Backend Developer',
  language: 'en',
  status: 'completed',
  scheduled_time: null,
  deadline: null,
  retake: false,
  start_time: null,
  end_time: '2026-02-01T10:00:00Z',
  overall_score: 70,
  emotion_summary: null,
  created_at: '2026-02-01T09:00:00Z',
};
const REAL = {
  ...INTERVIEW,
  id: 12,
  kind: 'real',
  job_posting_id: 4,
  job_posting_title: 'Backend Engineer (Seoul)',
  organization_id: 3,
  status: 'scheduled',
  deadline: '2099-06-30T09:00:00Z',
  overall_score: null,
};
const POSTING = {
  id: 4,
  organization_id: 3,
  recruiter_id: 5,
  title: 'Backend Engineer (Seoul)',
  position: 'Backend Developer',
  description: null,
  language: 'en',
  status: 'open',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};
const invitation = (over: Record<string, unknown>) => ({
  id: 1,
  kind: 'candidate',
  organization_id: 3,
  job_posting_id: 4,
  job_posting_title: POSTING.title,
  email: 'a@example.org',
  language: 'en',
  status: 'pending',
  expires_at: '2099-07-01T00:00:00Z',
  deadline: null,
  retake: false,
  invited_by: 5,
  invited_by_username: 'rita',
  created_at: '2026-03-01T00:00:00Z',
  send_count: 1,
  sent_at: '2026-03-01T00:00:05Z',
  accepted_at: null,
  accepted_by: null,
  interview_id: null,
  revoked_at: null,
  ...over,
});

function stub(routes: Parameters<typeof fakeFetch>[0], me: unknown) {
  setConfig({ apiUrl: 'http://api.test' });
  tokenStore.set('token', 3600);
  const fake = fakeFetch([[/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: me })], ...routes]);
  vi.stubGlobal('fetch', fake.fn);
  return fake;
}

describe('a recruiter whose organization waits for approval', () => {
  it('gets a clear notice with the organization instead of the console’s lists, and can check again', async () => {
    let me: unknown = PENDING;
    setConfig({ apiUrl: 'http://api.test' });
    tokenStore.set('token', 3600);
    const fake = fakeFetch([
      [/GET http:\/\/api\.test\/me$/, () => ({ status: 200, body: me })],
      [/GET .*\/organizations\/me$/, () => ({ status: 200, body: { id: 3, name: 'Acme', status: 'pending', created_at: '2026-01-01T00:00:00Z', approved_at: null, members: [{ id: 5, username: 'rita', email: RECRUITER.email, full_name: 'Rita Recruiter', role: 'owner', joined_at: '2026-01-01T00:00:00Z' }] } })],
      [/GET .*\/job-postings/, () => ({ status: 200, body: [POSTING] })],
      [/GET .*\/interviews/, () => ({ status: 200, body: [] })],
    ]);
    vi.stubGlobal('fetch', fake.fn);
    renderWithProviders(<App />, { route: '/recruiter/postings', auth: true });
    const notice = await screen.findByTestId('pending-organization');
    expect(within(notice).getByRole('heading', { level: 1 }).textContent).toContain('Waiting for approval');
    expect(notice.textContent).toContain('Your organization “Acme” is waiting for approval');
    expect(await within(notice).findByTestId('organization-name')).toHaveProperty('textContent', 'Acme');
    expect(within(notice).getByTestId('organization-status').textContent).toBe('Waiting for approval');
    // No request the API would refuse, and only the organization in the menu.
    expect(fake.calls.some((call) => call.url.includes('/job-postings'))).toBe(false);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('link', { name: 'Job postings' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Organization' })).toBeTruthy();

    fireEvent.click(within(notice).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('Still waiting for approval.')).toBeTruthy();
    me = RECRUITER; // approved meanwhile
    fireEvent.click(within(notice).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByRole('heading', { name: 'Job postings' })).toBeTruthy();
    expect(await screen.findByText('Backend Engineer (Seoul)')).toBeTruthy();
  });
});

describe('inviting candidates to a posting', () => {
  function renderPosting(routes: Parameters<typeof fakeFetch>[0] = []) {
    const fake = stub(
      [
        [/GET .*\/job-postings\/4$/, () => ({ status: 200, body: POSTING })],
        [/GET .*\/interviews\?/, () => ({ status: 200, body: [REAL] })],
        ...routes,
      ],
      RECRUITER,
    );
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/postings/:id" element={<PostingDetail />} />
      </Routes>,
      { route: '/recruiter/postings/4', auth: true },
    );
    return fake;
  }

  it('sends several addresses at once with the deadline and retake, and shows each skipped address with why', async () => {
    const fake = renderPosting([
      [/GET .*\/invitations\?/, () => ({ status: 200, body: [] })],
      [
        /POST .*\/job-postings\/4\/invitations$/,
        () => ({
          status: 201,
          body: {
            invitations: [invitation({ id: 1, email: 'a@example.org', sent_at: null }), invitation({ id: 2, email: 'b@example.org', sent_at: null })],
            skipped: [
              { email: 'rita@acme.example', reason: 'this address belongs to a recruiter or administrator account' },
              { email: 'done@example.org', reason: 'already has an interview for this posting: invite with retake to interview them again' },
              { email: 'odd@example.org', reason: 'some reason the app does not know' },
            ],
          },
        }),
      ],
    ]);
    const form = within(await screen.findByTestId('invite-form'));
    // The browser checks the addresses first.
    fireEvent.click(form.getByRole('button', { name: 'Send invitations' }));
    expect(await form.findByText('Enter at least one e-mail address.')).toBeTruthy();
    fireEvent.change(form.getByLabelText('Candidate e-mail addresses'), { target: { value: 'a@example.org, not-an-address' } });
    fireEvent.click(form.getByRole('button', { name: 'Send invitations' }));
    expect(await form.findByText('These are not e-mail addresses: not-an-address')).toBeTruthy();
    expect(fake.calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(form.getByLabelText('Candidate e-mail addresses'), {
      target: { value: 'a@example.org\nb@example.org; A@example.org rita@acme.example\ndone@example.org, odd@example.org' },
    });
    fireEvent.change(form.getByLabelText(/^Deadline/), { target: { value: '2099-06-30T18:00' } });
    fireEvent.click(form.getByLabelText(/^Retake/));
    fireEvent.click(form.getByRole('button', { name: 'Send invitations' }));
    const result = within(await screen.findByTestId('invitation-result'));
    expect(result.getByText(/Invitations sent: 2\./)).toBeTruthy();
    const skipped = result.getAllByTestId('skipped-item').map((item) => item.textContent);
    expect(skipped).toEqual([
      'rita@acme.example: this address belongs to a recruiter or administrator account',
      'done@example.org: already has an interview for this posting: tick “Retake” to interview them again',
      'odd@example.org: some reason the app does not know',
    ]);
    const post = fake.calls.find((call) => call.method === 'POST');
    expect(post?.body).toMatchObject({
      emails: ['a@example.org', 'b@example.org', 'rita@acme.example', 'done@example.org', 'odd@example.org'],
      retake: true,
      language: 'en',
    });
    expect(new Date((post?.body as { deadline: string }).deadline).getTime()).toBe(new Date('2099-06-30T18:00').getTime());
    expect((form.getByLabelText('Candidate e-mail addresses') as HTMLTextAreaElement).value).toBe('');
  });

  it('lists the posting’s invitations with their state, and revokes and resends them', async () => {
    let list = [
      invitation({ id: 1, email: 'sending@example.org', sent_at: null, send_count: 0 }),
      invitation({ id: 2, email: 'sent@example.org' }),
      invitation({ id: 3, email: 'took@example.org', status: 'accepted', accepted_at: '2026-03-02T00:00:00Z', interview_id: 12 }),
      invitation({ id: 4, email: 'gone@example.org', status: 'revoked', revoked_at: '2026-03-02T00:00:00Z' }),
    ];
    const fake = renderPosting([
      [/GET .*\/invitations\?/, () => ({ status: 200, body: list })],
      [/POST .*\/invitations\/2\/revoke$/, () => ((list = list.map((item) => (item.id === 2 ? { ...item, status: 'revoked' } : item))), { status: 200, body: list[1] })],
      [/POST .*\/invitations\/4\/resend$/, () => ({ status: 409, body: { detail: "The invitation's deadline has passed: invite again with a new deadline" } })],
    ]);
    const rows = await screen.findAllByTestId('invitation-row');
    expect(rows.map((row) => within(row).getByTestId('invitation-status').textContent)).toEqual(['E-mail on its way', 'Sent', 'Accepted', 'Revoked']);
    const accepted = within(rows[2]);
    expect(accepted.getByRole('link', { name: 'Open interview #12' }).getAttribute('href')).toBe('/recruiter/interviews/12');
    expect(accepted.queryByRole('button')).toBeNull(); // an accepted invitation is done with
    expect(within(rows[3]).queryByRole('button', { name: /Revoke/ })).toBeNull();

    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Revoke the invitation of sent@example.org' }));
    await waitFor(() => expect(screen.getAllByTestId('invitation-status')[1].textContent).toBe('Revoked'));
    fireEvent.click(within(screen.getAllByTestId('invitation-row')[3]).getByRole('button', { name: 'Resend the invitation to gone@example.org' }));
    expect(await screen.findByText(/invite again with a new deadline/)).toBeTruthy();
    expect(fake.calls.some((call) => call.url.endsWith('/invitations/2/revoke'))).toBe(true);
  });

  it('shows the posting’s real interviews labelled as such', async () => {
    renderPosting([[/GET .*\/invitations\?/, () => ({ status: 200, body: [] })]]);
    const table = await screen.findByTestId('interview-table');
    expect(within(table).getByTestId('kind-badge').textContent).toBe('Real');
    expect(within(table).getByText('Backend Engineer (Seoul)')).toBeTruthy();
  });
});

describe('practice and real interviews are labelled', () => {
  it('on the candidate’s list, with the posting and the deadline of a real one', async () => {
    stub(
      [
        [/GET .*\/interviews\?/, () => ({ status: 200, body: [INTERVIEW, REAL] })],
        [/GET .*\/job-postings/, () => ({ status: 200, body: [] })],
      ],
      CANDIDATE,
    );
    renderWithProviders(<CandidateHome />, { route: '/candidate', auth: true });
    const items = await screen.findAllByTestId('my-interview');
    const byKind = Object.fromEntries(items.map((item) => [item.dataset.kind, item]));
    expect(within(byKind.practice).getByTestId('kind-badge').textContent).toBe('Practice');
    expect(within(byKind.real).getByTestId('kind-badge').textContent).toBe('Real');
    expect(within(byKind.real).getByTestId('kind-label').textContent).toMatch(/Backend Engineer \(Seoul\).*take it by .*2099/);
    expect(within(byKind.practice).queryByText('Backend Engineer (Seoul)')).toBeNull();
  });

  it('in the console’s tables', () => {
    renderWithProviders(<InterviewTable interviews={[REAL, INTERVIEW] as never} caption="x" />);
    expect(screen.getAllByTestId('kind-badge').map((badge) => badge.textContent)).toEqual(['Real', 'Practice']);
  });
});

const BANK = [
  { id: 1, organization_id: null, owner: 'platform', version: 2, content: 'Curated question?', category: 'technical', difficulty: 'easy', position: null, language: 'en', is_active: true, usage_count: 3, avg_score: 60, rubric_json: { criteria: [{ name: 'depth', weight: 1 }] } },
  { id: 2, organization_id: 3, owner: 'organization', version: 1, content: 'Our own question?', category: 'technical', difficulty: 'easy', position: null, language: 'en', is_active: true, usage_count: 0, avg_score: null, rubric_json: { criteria: [] } },
];

describe('question bank owners and versions', () => {
  it('marks curated questions read-only for a recruiter (saying why), filters by owner, and keeps editing for the organization’s own', async () => {
    const fake = stub([[/GET .*\/questions(\?.*)?$/, () => ({ status: 200, body: BANK })]], RECRUITER);
    renderWithProviders(<QuestionBank />, { route: '/recruiter/questions', auth: true });
    const items = await screen.findAllByTestId('question-item');
    const curated = within(items[0]);
    expect(curated.getByTestId('owner-badge').textContent).toBe('Curated (platform)');
    expect(curated.getByTestId('question-version').textContent).toBe('v2');
    expect(curated.queryByRole('button', { name: 'Retire' })).toBeNull();
    expect(curated.queryByRole('link', { name: 'Edit #1' })).toBeNull();
    expect(curated.getByTestId('read-only-reason').textContent).toContain('Curated by the platform: only its administrators edit it.');
    const own = within(items[1]);
    expect(own.getByTestId('owner-badge').textContent).toBe('Our organization');
    expect(own.getByRole('button', { name: 'Retire' })).toBeTruthy();
    expect(own.getByRole('link', { name: 'Edit #2' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'platform' } });
    await waitFor(() => expect(fake.calls.some((call) => /\/questions\?owner=platform/.test(call.url))).toBe(true));
  });

  it('shows a curated question read-only with its version history', async () => {
    stub(
      [
        [/GET .*\/questions\/1$/, () => ({ status: 200, body: BANK[0] })],
        [
          /GET .*\/questions\/1\/versions$/,
          () => ({
            status: 200,
            body: [
              { question_id: 1, version: 2, content: 'Curated question?', category: 'technical', difficulty: 'easy', language: 'en', rubric_json: { criteria: [{ name: 'depth', weight: 1 }] }, created_at: '2026-02-01T00:00:00Z' },
              { question_id: 1, version: 1, content: 'Old wording?', category: 'technical', difficulty: 'easy', language: 'en', rubric_json: { criteria: [{ name: 'breadth', weight: 1 }] }, created_at: '2026-01-01T00:00:00Z' },
            ],
          }),
        ],
      ],
      RECRUITER,
    );
    renderWithProviders(
      <Routes>
        <Route path="/recruiter/questions/:id" element={<QuestionEdit />} />
      </Routes>,
      { route: '/recruiter/questions/1', auth: true },
    );
    expect((await screen.findByTestId('read-only-reason')).textContent).toContain('only its administrators edit it');
    expect(screen.queryByTestId('question-form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retire' })).toBeNull();
    expect(screen.getByTestId('current-version').textContent).toBe('v2');
    const versions = await screen.findAllByTestId('version-item');
    expect(versions.map((item) => item.dataset.version)).toEqual(['2', '1']);
    expect(within(versions[1]).getByText('Old wording?')).toBeTruthy();
  });
});

describe('report for staff', () => {
  it('names the rubric version each question was scored against, for staff only', () => {
    const { unmount } = renderWithProviders(<ReportView report={staffReport()} />);
    expect(screen.getAllByTestId('rubric-version').map((item) => item.textContent)).toEqual(['rubric v2', 'rubric v3']);
    unmount();
    renderWithProviders(<ReportView report={candidateReport()} />);
    expect(screen.queryByTestId('rubric-version')).toBeNull();
  });
});

describe('audit trail', () => {
  it('lists who did what, newest first, with the changed fields compactly', async () => {
    const fake = stub(
      [
        [
          /GET .*\/audit-events/,
          () => ({
            status: 200,
            body: [
              { id: 3, occurred_at: '2026-03-02T00:00:00Z', actor_id: 5, actor_username: 'rita', organization_id: 3, action: 'question.updated', target_type: 'question', target_id: 2, before: { content: 'Old?', version: 1 }, after: { content: 'New?', version: 2 } },
              { id: 2, occurred_at: '2026-03-01T00:00:00Z', actor_id: 5, actor_username: 'rita', organization_id: 3, action: 'invitation.created', target_type: 'invitation', target_id: 7, before: null, after: { email: 'a@example.org', status: 'pending' } },
              { id: 1, occurred_at: '2026-02-01T00:00:00Z', actor_id: null, actor_username: null, organization_id: 3, action: 'organization.approved', target_type: 'organization', target_id: 3, before: { status: 'pending' }, after: { status: 'approved' } },
            ],
          }),
        ],
      ],
      RECRUITER,
    );
    renderWithProviders(<AuditTrail />, { route: '/audit', auth: true });
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows.map((row) => row.dataset.action)).toEqual(['question.updated', 'invitation.created', 'organization.approved']);
    const updated = within(rows[0]);
    expect(updated.getByText('Question updated')).toBeTruthy();
    expect(updated.getByRole('link', { name: 'Question #2' }).getAttribute('href')).toBe('/recruiter/questions/2');
    expect(updated.getByText('Old?').tagName).toBe('DEL');
    expect(updated.getByText('New?').tagName).toBe('INS');
    expect(within(rows[1]).getByText('a@example.org')).toBeTruthy();
    expect(within(rows[2]).getByText(/by the platform/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'invitation.accepted' } });
    await waitFor(() => expect(fake.calls.some((call) => call.url.includes('/audit-events?action=invitation.accepted'))).toBe(true));
  });
});

describe('organizations for admins', () => {
  it('lists pending organizations first and approves one', async () => {
    let status = 'pending';
    const fake = stub(
      [
        [
          /GET .*\/organizations/,
          () => ({
            status: 200,
            body: [
              { id: 7, name: 'Newco', status, created_at: '2026-03-01T00:00:00Z', approved_at: null, owner_username: 'nina', owner_email: 'nina@newco.example', owner_full_name: 'Nina', member_count: 1 },
              { id: 3, name: 'Acme', status: 'approved', created_at: '2026-01-01T00:00:00Z', approved_at: '2026-01-02T00:00:00Z', owner_username: 'rita', owner_email: RECRUITER.email, owner_full_name: null, member_count: 2 },
            ],
          }),
        ],
        [/POST .*\/organizations\/7\/approve$/, () => ((status = 'approved'), { status: 200, body: { id: 7, name: 'Newco', status: 'approved', created_at: '2026-03-01T00:00:00Z', approved_at: '2026-03-03T00:00:00Z' } })],
      ],
      ADMIN,
    );
    renderWithProviders(<AdminOrganizations />, { route: '/admin/organizations', auth: true });
    const rows = await screen.findAllByTestId('organization-row');
    expect(rows.map((row) => row.dataset.name)).toEqual(['Newco', 'Acme']);
    expect(within(rows[0]).getByText(/owner Nina \(nina@newco\.example\)/)).toBeTruthy();
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Approve Newco' }));
    expect(await screen.findByText('Newco is approved: its recruiters can use the console now.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getAllByTestId('organization-row')[0]).getByTestId('organization-status').textContent).toBe('Approved'));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'pending' } });
    await waitFor(() => expect(fake.calls.some((call) => call.url.includes('/organizations?status=pending'))).toBe(true));
  });
});
