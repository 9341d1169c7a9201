// The API's request and answer shapes, as the platform's OpenAPI document states them: each
// exported name is an alias of a type generated from it (schema.d.ts, made from openapi.json by
// openapi-typescript: `npm run api-types`, never edited by hand). Written here by hand only what
// the document does not state: the shape inside a free-form JSON field (an interview's emotion
// summary, a report's details, a stored rubric), the narrowing of POST /stt/token's answer, and
// what only the web app uses (constant lists, ReportResult, GroupScope, Emotion).
import type { components, operations } from './schema';

type Schemas = components['schemas'];
/** The query parameters of an operation, as the document lists them. */
type QueryOf<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;
/** `T` with its free-form JSON fields `K` given the shape the web app reads in them. */
type WithJson<T, K extends keyof T, V> = Omit<T, K> & { [P in K]: V };

export type Role = Schemas['Role'];
export type Language = Schemas['Language'];
export type InterviewStatus = Schemas['InterviewStatus'];
export type JobPostingStatus = Schemas['JobPostingStatus'];
export type InterviewKind = Schemas['InterviewKind'];
export type OrganizationStatus = Schemas['OrganizationStatus'];
export type MemberRole = Schemas['MemberRole'];
export type InvitationKind = Schemas['InvitationKind'];
export type InvitationStatus = Schemas['InvitationStatus'];
export type QuestionOwner = Schemas['BankQuestionResponse']['owner'];
export type QuestionStatus = Schemas['BankQuestionResponse']['status'];
export type Category = Schemas['Category'];
export type Difficulty = Schemas['Difficulty'];
/** The emotions the sentiment model names (the API sends `emotion` as any string). Web app only. */
export type Emotion = 'happy' | 'neutral' | 'sad' | 'angry' | 'anxious';

// Web app only: the values of the unions above in the order the screens list them.
export const INVITATION_STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];
export const CATEGORIES: Category[] = ['technical', 'behavioral', 'situational', 'cultural_fit'];
export const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
export const ROLES: Role[] = ['candidate', 'recruiter', 'admin'];

/** GET /me's `organization`: a recruiter's organization and their place in it. */
export type Membership = Schemas['MembershipResponse'];
export type User = Schemas['UserResponse'];
export type Organization = Schemas['OrganizationResponse'];
/** GET /organizations (admins): each organization with its owner, pending ones first. */
export type OrganizationSummary = Schemas['OrganizationSummaryResponse'];
export type Member = Schemas['MemberResponse'];
/** GET /organizations/me: the caller's organization (a pending one included) and its members. */
export type MyOrganization = Schemas['MyOrganizationResponse'];

export type Invitation = Schemas['InvitationResponse'];
export type SkippedInvitation = Schemas['SkippedInvitation'];
/** POST /job-postings/{id}/invitations and POST /organizations/me/invitations. */
export type InvitationBatch = Schemas['InvitationBatchResponse'];
/** POST /invitations/preview: what a link invites to, shown before signing in. */
export type InvitationPreview = Schemas['InvitationPreviewResponse'];
/** POST /invitations/accept. */
export type Acceptance = Schemas['AcceptanceResponse'];

export type AuditEvent = Schemas['AuditEventResponse'];
export type AuditFilters = QueryOf<'audit-list_audit_events'>;

/** POST /token, /auth/session and /auth/refresh (the session fields only when there is one). */
export type TokenResponse = Schemas['TokenResponse'];

export type JobPosting = Schemas['JobPostingResponse'];
export type JobPostingInput = Schemas['CreateJobPostingRequest'];

// Inside the free-form `emotion_summary` of an interview (the sentiment worker's summary).
export interface EmotionTimelinePoint {
  order: number;
  transcript_id: number;
  sentiment_score: number | null;
  emotion: string | null;
}

export interface EmotionSummary {
  answers?: number;
  average_sentiment?: number | null;
  dominant_emotion?: string | null;
  emotions?: Record<string, number>;
  timeline?: EmotionTimelinePoint[];
}

export type Question = Schemas['QuestionResponse'];
export type Interview = WithJson<Schemas['InterviewResponse'], 'emotion_summary', EmotionSummary | null>;
export type CreatedInterview = WithJson<Schemas['CreatedInterviewResponse'], 'emotion_summary', EmotionSummary | null>;
/** GET /interviews/{id}/notice: what the candidate reads before the first question (plain text,
 * paragraphs separated by blank lines). */
export type AiNotice = Schemas['NoticeResponse'];

export type Transcript = Schemas['TranscriptResponse'];
export type FollowUpState = NonNullable<Transcript['follow_up_state']>;

// Inside the free-form `details_json` of a staff report (the evaluator's output).
export interface Evidence {
  transcript_id: number | null;
  quote: string;
}

export interface Criterion {
  name: string;
  score: number | null;
  evidence: Evidence[];
}

export interface QuestionEvaluation {
  question_id: number;
  question: string;
  category?: string;
  answered: boolean;
  score: number | null;
  criteria?: Criterion[];
  evidence?: Evidence[];
  comment?: string | null;
  /** The version of the question (and its rubric) the interview asked. */
  question_version?: number | null;
  /** What the score rests on, 0-100 each (staff only). */
  signals?: Record<string, number>;
}

export interface ReportDetails {
  questions?: QuestionEvaluation[];
  strengths?: string[];
  improvements?: string[];
  emotion_summary?: EmotionSummary;
  rubric_versions?: { question_id: number; version: number }[];
  needs_human_review?: string | null;
  [key: string]: unknown;
}

/** Who did something, as the API names them. */
export type UserRef = Schemas['UserRef'];
export type ReviewState = Schemas['ReviewState'];
export type ScoreScope = Schemas['OverrideScope'];
// Web app only: the three group scores, in the order the screens show them.
export const GROUP_SCOPES = ['technical', 'communication', 'cultural_fit'] as const satisfies readonly ScoreScope[];
export type GroupScope = (typeof GROUP_SCOPES)[number];

/** A report's human review: every report is AI-assisted and pending review until a member reviews it. */
export type ReportReview = Schemas['ReportReviewResponse'];
/** One score set by a person, with its reason; the latest per (scope, question_id) is in force. */
export type ScoreOverride = Schemas['ScoreOverrideResponse'];
export type FinalQuestionScore = Schemas['FinalQuestionScore'];
/** The scores in force: overrides, else recomputed from overridden questions, else the AI's. */
export type FinalScores = Schemas['FinalScores'];
/** GET /interviews/{id}/report for staff: the AI's original scores (null with AI scoring off), the
 * review, the overrides and the final scores. */
export type StaffReport = WithJson<Schemas['StaffReportResponse'], 'details_json', ReportDetails>;
export type CandidateQuestionFeedback = Schemas['CandidateQuestion'];
/** GET /interviews/{id}/report for the interview's own candidate: feedback, and scores only when shared. */
export type CandidateReport = Schemas['CandidateReportResponse'];
export type Report = StaffReport | CandidateReport;

export type OverrideInput = Schemas['OverrideScoreRequest'];
export type ReviewInput = Schemas['ReviewReportRequest'];
/** GET /interviews/{id}/report's 202 (pending, retrying) and 503 (failed). */
export type ReportPending = Schemas['ReportPendingResponse'];
/** Web app only: what api.getReport makes of the 200 and the 202. */
export type ReportResult = { state: 'ready'; report: Report } | { state: 'pending'; retryAfterMs: number };

/** A rubric as POST and PATCH /questions take it. */
export type Rubric = Schemas['Rubric'];
export type RubricCriterion = Schemas['RubricCriterion'];
/** A stored rubric, inside the free-form `rubric_json` of a bank question or a version. */
export type StoredRubric = Partial<Rubric> & Record<string, unknown>;

/** A question of the bank as recruiters and admins see it. */
export type BankQuestion = WithJson<Schemas['BankQuestionResponse'], 'rubric_json', StoredRubric>;
export type BankQuestionInput = Schemas['CreateQuestionRequest'];
/** GET /questions/{id}/versions: what the question said at each version, newest first. */
export type QuestionVersion = WithJson<Schemas['QuestionVersionResponse'], 'rubric_json', StoredRubric>;
export type BankQuestionFilters = QueryOf<'questions-list_questions'>;

/** POST /stt/token: a short-lived Deepgram token for live speech-to-text, or why voice is off. The
 * document's model is flat (every grant field nullable); the API fills the grant's fields exactly
 * when `available` is true, which this narrowing states. */
export type SttToken =
  | (Schemas['SttToken'] & {
      available: true;
      access_token: string;
      expires_in: number;
      websocket_url: string;
      model: string;
      language: string;
    })
  | (Schemas['SttToken'] & { available: false });

/** GET /questions/generation: whether questions can be drafted from a posting's description here.
 * `code` says why not (the screens translate it; `reason` is the server's English words). */
export type QuestionGeneration = Schemas['QuestionGenerationResponse'];
/** A proposal of the model not kept, and why. */
export type DroppedProposal = Schemas['DroppedProposal'];
export type DropReason = DroppedProposal['reason'];
/** POST/GET /job-postings/{id}/question-drafts: one request for drafted questions. */
export type QuestionDraftRequest = Schemas['QuestionDraftRequestResponse'];
export type DraftRequestStatus = QuestionDraftRequest['status'];
export type ReviewDecision = Schemas['ReviewQuestionRequest']['decision'];
