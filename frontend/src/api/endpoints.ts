import { queryString, request, requestRaw } from './client';
import type {
  BankQuestion,
  BankQuestionFilters,
  BankQuestionInput,
  CreatedInterview,
  Interview,
  InterviewStatus,
  JobPosting,
  JobPostingStatus,
  Language,
  Question,
  Report,
  ReportPending,
  ReportResult,
  Role,
  SttToken,
  TokenResponse,
  Transcript,
  User,
} from './types';

export const api = {
  register: (body: { email: string; username: string; password: string; full_name?: string; role: Role }) =>
    request<User>('POST', '/register', { body, auth: false }),
  token: (body: { username: string; password: string }) =>
    request<TokenResponse>('POST', '/token', { body, auth: false }),
  me: () => request<User>('GET', '/me'),

  listJobPostings: (status?: JobPostingStatus) =>
    request<JobPosting[]>('GET', `/job-postings${queryString({ status })}`),
  getJobPosting: (id: number) => request<JobPosting>('GET', `/job-postings/${id}`),
  createJobPosting: (body: { title: string; position: string; description?: string; language: Language }) =>
    request<JobPosting>('POST', '/job-postings', { body }),
  updateJobPosting: (
    id: number,
    body: Partial<{ title: string; position: string; description: string; language: Language; status: JobPostingStatus }>,
  ) => request<JobPosting>('PATCH', `/job-postings/${id}`, { body }),

  createInterview: (body: {
    position?: string;
    job_posting_id?: number;
    candidate_id?: number;
    candidate_email?: string;
    language?: Language;
    scheduled_time?: string;
  }) => request<CreatedInterview>('POST', '/interviews', { body }),
  listInterviews: (params: { status?: InterviewStatus; job_posting_id?: number; limit?: number; offset?: number } = {}) =>
    request<Interview[]>('GET', `/interviews${queryString(params)}`),
  getInterview: (id: number) => request<Interview>('GET', `/interviews/${id}`),
  getQuestions: (id: number) => request<Question[]>('GET', `/interviews/${id}/questions`),
  getTranscripts: (id: number) => request<Transcript[]>('GET', `/interviews/${id}/transcripts`),
  startInterview: (id: number) => request<Interview>('POST', `/interviews/${id}/start`),
  completeInterview: (id: number) => request<Interview>('POST', `/interviews/${id}/complete`),
  cancelInterview: (id: number) => request<Interview>('POST', `/interviews/${id}/cancel`),
  /** 200 with the report, or 202 while it is being written (poll after `retryAfter` seconds). */
  getReport: async (id: number): Promise<ReportResult> => {
    const response = await requestRaw<Report | ReportPending>('GET', `/interviews/${id}/report`);
    if (response.status === 202) {
      const header = Number(response.headers.get('Retry-After'));
      const body = response.data as ReportPending;
      const retryAfter = Number.isFinite(header) && header > 0 ? header : body?.retry_after || 2;
      return { state: 'pending', retryAfter };
    }
    return { state: 'ready', report: response.data as Report };
  },

  listBankQuestions: (filters: BankQuestionFilters = {}) =>
    request<BankQuestion[]>('GET', `/questions${queryString({ ...filters, active: filters.active === undefined ? undefined : String(filters.active) })}`),
  getBankQuestion: (id: number) => request<BankQuestion>('GET', `/questions/${id}`),
  createBankQuestion: (body: BankQuestionInput) => request<BankQuestion>('POST', '/questions', { body }),
  updateBankQuestion: (id: number, body: Partial<BankQuestionInput>) => request<BankQuestion>('PATCH', `/questions/${id}`, { body }),

  listUsers: (params: { role?: Role; limit?: number; offset?: number } = {}) => request<User[]>('GET', `/users${queryString(params)}`),
  updateUserRole: (id: number, role: Role) => request<User>('PATCH', `/users/${id}`, { body: { role } }),

  /** A short-lived Deepgram token for the interview's live speech-to-text (`available: false` without a key). */
  sttToken: (interviewId: number) => request<SttToken>('POST', '/stt/token', { body: { interview_id: interviewId } }),

  createTranscript: (interviewId: number, speaker: 'User', text: string, questionId: number | null) =>
    request<Transcript>('POST', '/transcripts', {
      body: { interview_id: interviewId, speaker, text, question_id: questionId },
    }),
};
