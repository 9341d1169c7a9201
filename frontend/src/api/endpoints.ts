import { queryString, request, requestRaw } from './client';
import type {
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

  createTranscript: (interviewId: number, speaker: 'User', text: string, questionId: number | null) =>
    request<Transcript>('POST', '/transcripts', {
      body: { interview_id: interviewId, speaker, text, question_id: questionId },
    }),
};
