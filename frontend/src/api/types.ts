// Shapes of the API's request/response models (see /openapi.json on the API).
export type Role = 'candidate' | 'recruiter' | 'admin';
export type Language = 'ko' | 'en';
export type InterviewStatus = 'scheduled' | 'live' | 'completed' | 'cancelled';
export type JobPostingStatus = 'open' | 'closed';
export type Emotion = 'happy' | 'neutral' | 'sad' | 'angry' | 'anxious';
export type InterviewKind = 'practice' | 'real';
export type OrganizationStatus = 'pending' | 'approved';
export type MemberRole = 'owner' | 'member';
export type InvitationKind = 'candidate' | 'member';
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';
export type QuestionOwner = 'platform' | 'organization';
export type QuestionStatus = 'draft' | 'approved' | 'rejected';
export const INVITATION_STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];

/** GET /me's `organization`: a recruiter's organization and their place in it. */
export interface Membership {
  id: number;
  name: string;
  /** pending until a platform admin approves it */
  status: OrganizationStatus;
  role: MemberRole;
}

export interface User {
  id: number;
  email: string;
  username: string;
  role: Role;
  full_name: string | null;
  created_at: string;
  /** A recruiter's organization (null for candidates and admins). */
  organization: Membership | null;
}

export interface Organization {
  id: number;
  name: string;
  status: OrganizationStatus;
  created_at: string;
  approved_at: string | null;
}

/** GET /organizations (admins): each organization with its owner, pending ones first. */
export interface OrganizationSummary extends Organization {
  owner_username: string | null;
  owner_email: string | null;
  owner_full_name: string | null;
  member_count: number;
}

export interface Member {
  id: number;
  username: string;
  email: string;
  full_name: string | null;
  role: MemberRole;
  joined_at: string;
}

/** GET /organizations/me: the caller's organization (a pending one included) and its members. */
export interface MyOrganization extends Organization {
  members: Member[];
}

export interface Invitation {
  id: number;
  kind: InvitationKind;
  organization_id: number;
  job_posting_id: number | null;
  job_posting_title: string | null;
  email: string;
  language: Language;
  status: InvitationStatus;
  expires_at: string;
  deadline: string | null;
  retake: boolean;
  invited_by: number;
  invited_by_username: string;
  created_at: string;
  /** How many e-mails with a link were delivered. */
  send_count: number;
  /** When the current link was delivered; null while the e-mail is on its way. */
  sent_at: string | null;
  accepted_at: string | null;
  accepted_by: number | null;
  interview_id: number | null;
  revoked_at: string | null;
}

export interface SkippedInvitation {
  email: string;
  reason: string;
}

/** POST /job-postings/{id}/invitations and POST /organizations/me/invitations. */
export interface InvitationBatch {
  /** Created, or renewed when one was open already. */
  invitations: Invitation[];
  skipped: SkippedInvitation[];
}

/** POST /invitations/preview: what a link invites to, shown before signing in. */
export interface InvitationPreview {
  kind: InvitationKind;
  organization_name: string;
  job_posting_title: string | null;
  position: string | null;
  email: string;
  language: Language;
  status: InvitationStatus;
  expires_at: string;
  deadline: string | null;
}

/** POST /invitations/accept. */
export interface Acceptance {
  kind: InvitationKind;
  invitation_id: number;
  organization_id: number;
  job_posting_id: number | null;
  /** The interview to take (candidate invitations). */
  interview_id: number | null;
}

export interface AuditEvent {
  id: number;
  occurred_at: string;
  /** null: the platform itself (its command line) */
  actor_id: number | null;
  actor_username: string | null;
  organization_id: number | null;
  action: string;
  target_type: string;
  target_id: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilters {
  action?: string;
  target_type?: string;
  target_id?: number;
  limit?: number;
  offset?: number;
}

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in: number;
  /** With `X-Session: cookie`: exchanged at once for the session cookie (POST /auth/session). */
  session_grant?: string;
  /** /auth/session and /auth/refresh: when the sign-in ends (absolute; renewing the access token
   * does not move it). */
  session_expires_at?: string;
}

export interface JobPosting {
  id: number;
  organization_id: number;
  recruiter_id: number;
  title: string;
  position: string;
  description: string | null;
  language: Language;
  status: JobPostingStatus;
  /** false: the posting's interviews are transcribed but not scored by AI; people score them with the rubric. */
  ai_scoring: boolean;
  /** Whether the posting's candidates see scores in their report (practice interviews always do). */
  candidates_see_scores: boolean;
  created_at: string;
  updated_at: string;
}

export interface JobPostingInput {
  title: string;
  position: string;
  description?: string;
  language: Language;
  ai_scoring?: boolean;
  candidates_see_scores?: boolean;
}

export type Category = 'technical' | 'behavioral' | 'situational' | 'cultural_fit';
export type Difficulty = 'easy' | 'medium' | 'hard';
export const CATEGORIES: Category[] = ['technical', 'behavioral', 'situational', 'cultural_fit'];
export const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
export const ROLES: Role[] = ['candidate', 'recruiter', 'admin'];

export interface Question {
  id: number;
  content: string;
  category: Category;
  difficulty: Difficulty;
  position: string | null;
  language: Language;
  /** The version of its wording and rubric this interview asks. */
  version: number;
  order: number;
  rubric_json?: Record<string, unknown> | null;
}

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

export interface Interview {
  id: number;
  candidate_id: number;
  candidate_username?: string;
  candidate_full_name?: string | null;
  /** practice: a candidate alone, seen by no organization; real: on an organization's posting */
  kind: InterviewKind;
  job_posting_id: number | null;
  job_posting_title: string | null;
  organization_id: number | null;
  position: string;
  language: Language;
  status: InterviewStatus;
  scheduled_time: string | null;
  /** It cannot be started after this. */
  deadline: string | null;
  /** A second real interview of the same candidate on the same posting. */
  retake: boolean;
  start_time: string | null;
  end_time: string | null;
  overall_score: number | null;
  emotion_summary: EmotionSummary | null;
  created_at: string;
  /** true for a real interview (on a posting) until the candidate consents to the AI notice; practice: false. */
  consent_required: boolean;
  consented_at: string | null;
  /** The version of the AI notice the candidate is to read (GET /interviews/{id}/notice). */
  notice_version: string;
  /** The per-question time guide, in seconds (the posting's; practice 180). A guide only: never enforced. */
  answer_seconds: number;
  /** How many follow-up questions the interviewer may ask per question (0-3; practice 1). */
  follow_up_limit: number;
  /** A scheduled interview cannot be started or answered before this; null: open now. */
  opens_at: string | null;
  /** Voice answers are available on this platform: only then is the voice button offered. */
  voice_answers: boolean;
}

/** GET /interviews/{id}/notice: what the candidate reads before the first question (plain text,
 * paragraphs separated by blank lines). */
export interface AiNotice {
  version: string;
  language: Language;
  text: string;
}

export interface CreatedInterview extends Interview {
  questions: Question[];
}

export interface Transcript {
  id: number;
  interview_id: number;
  speaker: 'AI' | 'User' | string;
  text: string;
  timestamp: string;
  sentiment_score: number | null;
  emotion: string | null;
  question_id: number | null;
  order: number;
  /** On a User line: pending while the interviewer decides whether to ask a follow-up; asked: an AI
   * follow-up line exists; none: no follow-up. null on AI lines (and answers of older interviews). */
  follow_up_state: FollowUpState | null;
  /** On an AI follow-up line: the id of the User answer it follows up (same question_id as its question). */
  follow_up_of: number | null;
}

export type FollowUpState = 'pending' | 'asked' | 'none';

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
export interface UserRef {
  id: number;
  username: string;
}

export type ReviewState = 'pending_review' | 'reviewed';
export type ScoreScope = 'overall' | 'technical' | 'communication' | 'cultural_fit' | 'question';
export const GROUP_SCOPES = ['technical', 'communication', 'cultural_fit'] as const;
export type GroupScope = (typeof GROUP_SCOPES)[number];

/** A report's human review: every report is AI-assisted and pending review until a member reviews it. */
export interface ReportReview {
  state: ReviewState;
  reviewed_by: UserRef | null;
  reviewed_at: string | null;
  note: string | null;
  /** Why a person must check this report before anyone relies on it (offline evaluator, fallback, human scoring). */
  needs_human_review: string | null;
  /** May the caller review and override (members of the posting's organization only). */
  can_review: boolean;
}

/** One score set by a person, with its reason; the latest per (scope, question_id) is in force. */
export interface ScoreOverride {
  id: number;
  scope: ScoreScope;
  question_id: number | null;
  ai_score: number | null;
  previous_score: number | null;
  score: number;
  reason: string;
  reviewer: UserRef;
  created_at: string;
}

export interface FinalQuestionScore {
  question_id: number;
  ai_score: number | null;
  score: number | null;
  overridden: boolean;
}

/** The scores in force: overrides, else recomputed from overridden questions, else the AI's. */
export interface FinalScores {
  technical: number | null;
  communication: number | null;
  cultural_fit: number | null;
  overall: number | null;
  questions: FinalQuestionScore[];
}

/** GET /interviews/{id}/report for staff: the AI's original scores (null with AI scoring off), the
 * review, the overrides and the final scores. */
export interface StaffReport {
  view: 'staff';
  id: number;
  interview_id: number;
  technical_score: number | null;
  communication_score: number | null;
  cultural_fit_score: number | null;
  overall_score: number | null;
  summary_text: string;
  details_json: ReportDetails;
  evaluator_model: string;
  created_at: string;
  updated_at: string;
  ai_assisted: boolean;
  /** human: the posting switched AI scoring off. */
  scoring: 'ai' | 'human';
  review: ReportReview;
  /** Oldest first. */
  overrides: ScoreOverride[];
  final_scores: FinalScores;
}

export interface CandidateQuestionFeedback {
  question_id: number;
  question: string;
  answered: boolean;
  /** null when not answered or when scores are hidden */
  score: number | null;
  feedback: string;
}

/** GET /interviews/{id}/report for the interview's own candidate: feedback, and scores only when shared. */
export interface CandidateReport {
  view: 'candidate';
  id: number;
  interview_id: number;
  kind: InterviewKind;
  ai_assisted: boolean;
  review_state: ReviewState;
  /** practice: always; real: the posting's candidates_see_scores */
  scores_visible: boolean;
  technical_score: number | null;
  communication_score: number | null;
  cultural_fit_score: number | null;
  overall_score: number | null;
  summary_text: string;
  feedback: { strengths: string[]; improvements: string[] };
  questions: CandidateQuestionFeedback[];
  evaluator_model: string;
  created_at: string;
  updated_at: string;
}

export type Report = StaffReport | CandidateReport;

export interface OverrideInput {
  scope: ScoreScope;
  question_id?: number;
  score: number;
  reason: string;
}

export interface ReviewInput {
  state: ReviewState;
  note?: string;
}

export interface ReportPending {
  status: 'pending' | 'retrying';
  detail?: string;
  /** Seconds, as Retry-After. */
  retry_after: number;
  /** The same in milliseconds: short just after the interview was completed. */
  retry_after_ms?: number;
}

export type ReportResult = { state: 'ready'; report: Report } | { state: 'pending'; retryAfterMs: number };

export interface RubricCriterion {
  name: string;
  description?: string;
  weight: number;
  keywords: string[];
}

export interface Rubric {
  criteria: RubricCriterion[];
  expected_points: string[];
}

/** A question of the bank as recruiters and admins see it. */
export interface BankQuestion {
  id: number;
  /** null: the platform's curated bank */
  organization_id: number | null;
  owner: QuestionOwner;
  /** The current version of its wording and rubric. */
  version: number;
  content: string;
  category: Category;
  difficulty: Difficulty;
  position: string | null;
  language: Language;
  rubric_json: Partial<Rubric> & Record<string, unknown>;
  usage_count: number;
  avg_score: number | null;
  is_active: boolean;
  /** draft: written by the language model for a posting, inactive and never asked until a member
   * approves it; rejected: kept, never asked. Absent (an older API): approved. */
  status?: QuestionStatus;
  /** The posting a draft was written for. */
  job_posting_id?: number | null;
  /** The model that wrote it (e.g. `llm:solar-pro2`); null: written by a person. */
  generated_by?: string | null;
}

export interface BankQuestionInput {
  content: string;
  category: Category;
  difficulty: Difficulty;
  position: string | null;
  language: Language;
  rubric_json: Rubric;
  is_active?: boolean;
}

/** GET /questions/{id}/versions: what the question said at each version, newest first. */
export interface QuestionVersion {
  question_id: number;
  version: number;
  content: string;
  category: Category;
  difficulty: Difficulty;
  language: Language;
  rubric_json: Partial<Rubric> & Record<string, unknown>;
  created_at: string;
}

export interface BankQuestionFilters {
  owner?: QuestionOwner;
  /** Without it: drafts and approved questions (not rejected ones). */
  status?: QuestionStatus;
  /** The posting drafts were written for. */
  job_posting_id?: number;
  category?: Category;
  difficulty?: Difficulty;
  position?: string;
  language?: Language;
  active?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

/** POST /stt/token: a short-lived Deepgram token for live speech-to-text, or why voice is off. */
export type SttToken =
  | { available: true; access_token: string; expires_in: number; websocket_url: string; model: string; language: string; reason?: null }
  | { available: false; reason: string | null };

/** GET /questions/generation: whether questions can be drafted from a posting's description here.
 * `code` says why not (the screens translate it; `reason` is the server's English words). */
export interface QuestionGeneration {
  available: boolean;
  code: 'no_llm' | 'no_embedder' | null;
  reason: string | null;
  /** The model that would write them. */
  model: string | null;
}

export type DraftRequestStatus = 'queued' | 'running' | 'done' | 'failed';
export type DropReason = 'near_duplicate' | 'invalid' | 'wrong_language';

/** A proposal of the model not kept, and why. */
export interface DroppedProposal {
  content: string;
  reason: DropReason;
  /** near_duplicate: 'the bank' or 'another proposal'; invalid: the field and the problem. */
  detail: string | null;
  /** near_duplicate of a bank question: its id. */
  similar_to: number | null;
  similarity: number | null;
}

/** POST/GET /job-postings/{id}/question-drafts: one request for drafted questions. */
export interface QuestionDraftRequest {
  id: number;
  job_posting_id: number;
  status: DraftRequestStatus;
  count: number;
  language: Language;
  requested_by: number | null;
  created_at: string;
  finished_at: string | null;
  model: string | null;
  /** The draft questions it made. */
  added: number[];
  dropped: DroppedProposal[];
  /** Why it failed (the server's words). */
  error: string | null;
}

export type ReviewDecision = 'approve' | 'reject';
