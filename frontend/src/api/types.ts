// Shapes of the API's request/response models (see /openapi.json on the API).
export type Role = 'candidate' | 'recruiter' | 'admin';
export type Language = 'ko' | 'en';
export type InterviewStatus = 'scheduled' | 'live' | 'completed' | 'cancelled';
export type JobPostingStatus = 'open' | 'closed';
export type Emotion = 'happy' | 'neutral' | 'sad' | 'angry' | 'anxious';

export interface User {
  id: number;
  email: string;
  username: string;
  role: Role;
  full_name: string | null;
  created_at: string;
}

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in: number;
}

export interface JobPosting {
  id: number;
  recruiter_id: number;
  title: string;
  position: string;
  description: string | null;
  language: Language;
  status: JobPostingStatus;
  created_at: string;
  updated_at: string;
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
  job_posting_id: number | null;
  position: string;
  language: Language;
  status: InterviewStatus;
  scheduled_time: string | null;
  start_time: string | null;
  end_time: string | null;
  overall_score: number | null;
  emotion_summary: EmotionSummary | null;
  created_at: string;
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
}

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
}

export interface ReportDetails {
  questions?: QuestionEvaluation[];
  strengths?: string[];
  improvements?: string[];
  emotion_summary?: EmotionSummary;
  [key: string]: unknown;
}

export interface Report {
  id: number;
  interview_id: number;
  technical_score: number;
  communication_score: number;
  cultural_fit_score: number;
  overall_score: number | null;
  summary_text: string;
  details_json: ReportDetails;
  evaluator_model: string;
  created_at: string;
  updated_at: string;
}

export interface ReportPending {
  status: 'pending';
  detail?: string;
  retry_after: number;
}

export type ReportResult = { state: 'ready'; report: Report } | { state: 'pending'; retryAfter: number };

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
  content: string;
  category: Category;
  difficulty: Difficulty;
  position: string | null;
  language: Language;
  rubric_json: Partial<Rubric> & Record<string, unknown>;
  usage_count: number;
  avg_score: number | null;
  is_active: boolean;
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

export interface BankQuestionFilters {
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
