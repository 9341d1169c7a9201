import { newIdempotencyKey, queryString, request, requestRaw } from './client';
import type { components, operations } from './schema';
import type {
  Acceptance,
  AiNotice,
  AuditEvent,
  AuditFilters,
  BankQuestion,
  BankQuestionFilters,
  BankQuestionInput,
  CreatedInterview,
  Interview,
  Invitation,
  InvitationBatch,
  InvitationPreview,
  JobPosting,
  JobPostingInput,
  JobPostingStatus,
  MyOrganization,
  Organization,
  OverrideInput,
  OrganizationSummary,
  Question,
  QuestionDraftRequest,
  QuestionGeneration,
  QuestionVersion,
  Report,
  ReportPending,
  ReportResult,
  ReviewDecision,
  ReviewInput,
  Role,
  StaffReport,
  SttToken,
  TokenResponse,
  Transcript,
  User,
} from './types';

/** A request body as the OpenAPI document states it (schema.d.ts). */
type Body<Name extends keyof components['schemas']> = components['schemas'][Name];
/** An operation's query parameters as the OpenAPI document states them. */
type Query<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;

export const api = {
  /** Sign up. A recruiter founds an organization (`organization_name`, pending until approved); with
   * `invitation_token` the invitation decides the role, so `role` is left out. */
  register: (body: {
    email: string;
    username: string;
    password: string;
    full_name?: string;
    role?: Exclude<Role, 'admin'>;
    organization_name?: string;
    invitation_token?: string;
  }) => request<User>('POST', '/register', { body, auth: false }),
  /** Logs in; the answer also carries a session grant (see auth/session.ts). */
  token: (body: { username: string; password: string }) =>
    request<TokenResponse>('POST', '/token', { body, auth: false, headers: { 'X-Session': 'cookie' } }),
  me: () => request<User>('GET', '/me'),

  listJobPostings: (status?: JobPostingStatus) =>
    request<JobPosting[]>('GET', `/job-postings${queryString({ status })}`),
  getJobPosting: (id: number) => request<JobPosting>('GET', `/job-postings/${id}`),
  createJobPosting: (body: JobPostingInput) => request<JobPosting>('POST', '/job-postings', { body }),
  updateJobPosting: (id: number, body: Body<'UpdateJobPostingRequest'>) =>
    request<JobPosting>('PATCH', `/job-postings/${id}`, { body }),

  createInterview: (body: Body<'CreateInterviewRequest'>, idempotencyKey: string = newIdempotencyKey()) => request<CreatedInterview>('POST', '/interviews', { body, idempotencyKey }),
  listInterviews: (params: Query<'interviews-list_interviews'> = {}) =>
    request<Interview[]>('GET', `/interviews${queryString(params)}`),
  getInterview: (id: number) => request<Interview>('GET', `/interviews/${id}`),
  getQuestions: (id: number) => request<Question[]>('GET', `/interviews/${id}/questions`),
  getTranscripts: (id: number) => request<Transcript[]>('GET', `/interviews/${id}/transcripts`),
  startInterview: (id: number) => request<Interview>('POST', `/interviews/${id}/start`),
  completeInterview: (id: number, idempotencyKey: string = newIdempotencyKey()) =>
    request<Interview>('POST', `/interviews/${id}/complete`, { idempotencyKey }),
  cancelInterview: (id: number) => request<Interview>('POST', `/interviews/${id}/cancel`),
  /** The AI notice the candidate reads before the first question. */
  getNotice: (id: number) => request<AiNotice>('GET', `/interviews/${id}/notice`),
  /** Consent to the notice of that version; 409 `notice_changed` when it changed meanwhile. */
  consent: (id: number, version: string) => request<Interview>('POST', `/interviews/${id}/consent`, { body: { version } }),
  /** 200 with the report, or 202 while it is being written (poll after `retryAfterMs`). */
  getReport: async (id: number): Promise<ReportResult> => {
    const response = await requestRaw<Report | ReportPending>('GET', `/interviews/${id}/report`);
    if (response.status === 202) {
      // The finer hint first: just after completion the API asks for a poll within a tenth of a second.
      const body = response.data as ReportPending;
      const header = Number(response.headers.get('Retry-After')) * 1000;
      const candidates = [body?.retry_after_ms, header, (body?.retry_after ?? 0) * 1000];
      const retryAfterMs = candidates.find((ms): ms is number => Number.isFinite(ms) && (ms as number) > 0) ?? 2000;
      return { state: 'pending', retryAfterMs };
    }
    return { state: 'ready', report: response.data as Report };
  },
  /** Mark the report reviewed or reopen its review (members of the posting's organization); answers the staff report. */
  reviewReport: (id: number, body: ReviewInput) => request<StaffReport>('POST', `/interviews/${id}/report/review`, { body }),
  /** Set a score with a reason (201); answers the staff report with the new final scores. */
  overrideScore: (id: number, body: OverrideInput) => request<StaffReport>('POST', `/interviews/${id}/report/overrides`, { body }),

  listBankQuestions: (filters: BankQuestionFilters = {}) =>
    request<BankQuestion[]>('GET', `/questions${queryString({ ...filters, active: filters.active === undefined ? undefined : String(filters.active) })}`),
  getBankQuestion: (id: number) => request<BankQuestion>('GET', `/questions/${id}`),
  createBankQuestion: (body: BankQuestionInput) => request<BankQuestion>('POST', '/questions', { body }),
  updateBankQuestion: (id: number, body: Partial<BankQuestionInput>) => request<BankQuestion>('PATCH', `/questions/${id}`, { body }),
  questionVersions: (id: number) => request<QuestionVersion[]>('GET', `/questions/${id}/versions`),
  /** Approve a draft (asked from now on) or reject it (kept, never asked); 409 `not_a_draft`. */
  reviewBankQuestion: (id: number, decision: ReviewDecision) =>
    request<BankQuestion>('POST', `/questions/${id}/review`, { body: { decision } }),

  /** Whether questions can be drafted from a posting's description on this platform, and why not. */
  questionGeneration: () => request<QuestionGeneration>('GET', '/questions/generation'),
  /** 202: queued for the worker; 409 `generation_unavailable` or `generation_running`. */
  requestQuestionDrafts: (postingId: number, count: number) =>
    request<QuestionDraftRequest>('POST', `/job-postings/${postingId}/question-drafts`, { body: { count } }),
  /** The posting's requests for drafts, newest first (at most 20). */
  listQuestionDraftRequests: (postingId: number) =>
    request<QuestionDraftRequest[]>('GET', `/job-postings/${postingId}/question-drafts`),

  listUsers: (params: Query<'users-list_users'> = {}) => request<User[]>('GET', `/users${queryString(params)}`),
  /** Making someone a recruiter needs the organization they join. */
  updateUserRole: (id: number, role: Role, organizationId?: number) =>
    request<User>('PATCH', `/users/${id}`, { body: organizationId === undefined ? { role } : { role, organization_id: organizationId } }),

  listOrganizations: (params: Query<'organizations-list_organizations'> = {}) =>
    request<OrganizationSummary[]>('GET', `/organizations${queryString(params)}`),
  myOrganization: () => request<MyOrganization>('GET', '/organizations/me'),
  approveOrganization: (id: number) => request<Organization>('POST', `/organizations/${id}/approve`),
  inviteMembers: (body: Body<'InviteMembersRequest'>, idempotencyKey: string = newIdempotencyKey()) =>
    request<InvitationBatch>('POST', '/organizations/me/invitations', { body, idempotencyKey }),

  inviteCandidates: (
    postingId: number,
    body: Body<'InviteCandidatesRequest'>,
    idempotencyKey: string = newIdempotencyKey(),
  ) => request<InvitationBatch>('POST', `/job-postings/${postingId}/invitations`, { body, idempotencyKey }),
  listInvitations: (params: Query<'invitations-list_invitations'> = {}) => request<Invitation[]>('GET', `/invitations${queryString(params)}`),
  revokeInvitation: (id: number) => request<Invitation>('POST', `/invitations/${id}/revoke`),
  resendInvitation: (id: number) => request<Invitation>('POST', `/invitations/${id}/resend`),
  /** What an invitation link invites to; no sign-in needed. 404: not a valid link; 409: withdrawn or expired. */
  previewInvitation: (token: string) => request<InvitationPreview>('POST', '/invitations/preview', { body: { token }, auth: false }),
  acceptInvitation: (token: string) => request<Acceptance>('POST', '/invitations/accept', { body: { token } }),

  listAuditEvents: (filters: AuditFilters = {}) => request<AuditEvent[]>('GET', `/audit-events${queryString({ ...filters })}`),

  /** A short-lived Deepgram token for the interview's live speech-to-text (`available: false` without a key). */
  sttToken: (interviewId: number) => request<SttToken>('POST', '/stt/token', { body: { interview_id: interviewId } }),

  /** One answer; `idempotencyKey` stays the same for the same answer, so a retry stores it once.
   * `signals`: what was measured while a typed answer was written (left out when nothing was). */
  createTranscript: (
    interviewId: number,
    speaker: 'User',
    text: string,
    questionId: number | null,
    idempotencyKey: string = newIdempotencyKey(),
    signals?: Body<'AnswerSignalsBody'>,
  ) =>
    request<Transcript>('POST', '/transcripts', {
      body: { interview_id: interviewId, speaker, text, question_id: questionId, ...(signals ? { signals } : {}) },
      idempotencyKey,
    }),
};
