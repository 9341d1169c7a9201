// A fake of the API an interview room talks to, answering from an in-memory interview: its
// questions, transcript, AI notice and consent, and (when asked) the interviewer's follow-ups.
import type { AiNotice, Interview, Question, Transcript } from '../api/types';
import { fakeFetch } from './render';

export const INTERVIEW_ID = 5;

export function interviewFixture(over: Partial<Interview> = {}): Interview {
  return {
    id: INTERVIEW_ID,
    candidate_id: 1,
    kind: 'practice',
    job_posting_id: null,
    job_posting_title: null,
    organization_id: null,
    position: 'Backend Developer',
    language: 'en',
    status: 'live',
    scheduled_time: null,
    deadline: null,
    retake: false,
    start_time: '2026-01-01T00:00:00Z',
    end_time: null,
    overall_score: null,
    emotion_summary: null,
    created_at: '2026-01-01T00:00:00Z',
    consent_required: false,
    consented_at: '2026-01-01T00:00:00Z',
    notice_version: 'practice-1',
    answer_seconds: 180,
    follow_up_limit: 1,
    opens_at: null,
    voice_answers: false,
    candidate_username: 'casey',
    candidate_full_name: null,
    stage: null,
    decision_reason: null,
    decided_by_username: null,
    decided_at: null,
    ...over,
  };
}

export function questionFixture(id: number, order: number, content: string): Question {
  return { id, content, category: 'technical', difficulty: 'easy', position: null, language: 'en', version: 1, order, rubric_json: null };
}

export const QUESTIONS = [
  questionFixture(31, 1, 'First question about databases?'),
  questionFixture(32, 2, 'Second question about teams?'),
  questionFixture(33, 3, 'Third question about incidents?'),
];

export const NOTICE: AiNotice = {
  version: 'v3',
  language: 'en',
  text: 'An AI interviewer asks the questions.\n\nIt assesses technical content and communication.\n\nA person at the company reviews the result.',
};

export interface RoomServerOptions {
  interview?: Partial<Interview>;
  questions?: Question[];
  transcripts?: Transcript[];
  /** The follow-up the interviewer asks after an answer (null: none); called with the answer. */
  followUp?: (answer: Transcript) => string | null;
  /** How many reads of the transcript an answer stays `pending` before the decision shows. */
  pendingReads?: number;
  /** The sentiment score each saved answer gets, after `scoreReads` more reads of the transcript. */
  score?: number | null;
  scoreReads?: number;
  /** Answers to GET notice and POST consent, in turn (the last one repeats). */
  notices?: { status: number; body: unknown }[];
  consents?: { status: number; body?: unknown }[];
  /** Extra routes, tried first. */
  routes?: Parameters<typeof fakeFetch>[0];
}

/** The fake's state (read it in assertions) and its fetch. */
export function roomServer(options: RoomServerOptions = {}) {
  const state = {
    interview: interviewFixture(options.interview),
    questions: options.questions ?? QUESTIONS,
    transcripts: [...(options.transcripts ?? [])],
    nextId: 100,
    /** Answers still pending: how many more reads before the interviewer's decision shows. */
    pending: new Map<number, number>(),
    /** Answers not scored yet: how many more reads before they are. */
    unscored: new Map<number, number>(),
    noticeReads: 0,
    consentCalls: 0,
  };
  const nextOrder = () => Math.max(0, ...state.transcripts.map((line) => line.order)) + 1;
  const decide = () => {
    for (const [answerId, reads] of state.pending) {
      if (reads > 0) {
        state.pending.set(answerId, reads - 1);
        continue;
      }
      state.pending.delete(answerId);
      const answer = state.transcripts.find((line) => line.id === answerId) as Transcript;
      const text = options.followUp?.(answer) ?? null;
      answer.follow_up_state = text ? 'asked' : 'none';
      if (text) {
        state.transcripts.push({
          id: state.nextId++,
          interview_id: INTERVIEW_ID,
          speaker: 'AI',
          text,
          timestamp: '2026-01-01T00:01:00Z',
          sentiment_score: null,
          emotion: null,
          question_id: answer.question_id,
          order: nextOrder(),
          follow_up_state: null,
          follow_up_of: answer.id,
        });
      }
    }
    for (const [answerId, reads] of state.unscored) {
      if (reads > 0) {
        state.unscored.set(answerId, reads - 1);
        continue;
      }
      state.unscored.delete(answerId);
      const line = state.transcripts.find((item) => item.id === answerId) as Transcript;
      line.sentiment_score = options.score ?? null;
    }
  };
  const pick = <T>(list: T[] | undefined, index: number): T | undefined => (list?.length ? list[Math.min(index, list.length - 1)] : undefined);
  const fake = fakeFetch([
    ...(options.routes ?? []),
    [/GET .*\/interviews\/5$/, () => ({ status: 200, body: state.interview })],
    [/GET .*\/interviews\/5\/questions$/, () => ({ status: 200, body: state.questions })],
    [
      /GET .*\/interviews\/5\/transcripts$/,
      () => {
        decide();
        return { status: 200, body: state.transcripts.map((line) => ({ ...line })) };
      },
    ],
    [/GET .*\/interviews\/5\/notice$/, () => pick(options.notices, state.noticeReads++) ?? { status: 200, body: NOTICE }],
    [
      /POST .*\/interviews\/5\/consent$/,
      () => {
        const answer = pick(options.consents, state.consentCalls++) ?? { status: 200 };
        if (answer.status !== 200) return answer;
        state.interview = { ...state.interview, consent_required: false, consented_at: '2026-01-01T00:00:30Z' };
        return { status: 200, body: state.interview };
      },
    ],
    [
      /POST .*\/interviews\/5\/start$/,
      () => {
        state.interview = { ...state.interview, status: 'live', start_time: '2026-01-01T00:00:10Z' };
        return { status: 200, body: state.interview };
      },
    ],
    [
      /POST .*\/interviews\/5\/complete$/,
      () => {
        state.interview = { ...state.interview, status: 'completed', end_time: '2026-01-01T00:30:00Z' };
        return { status: 200, body: state.interview };
      },
    ],
    [
      /POST .*\/transcripts$/,
      () => {
        const body = fake.calls.at(-1)?.body as { text: string; question_id: number };
        const row: Transcript = {
          id: state.nextId++,
          interview_id: INTERVIEW_ID,
          speaker: 'User',
          text: body.text,
          timestamp: '2026-01-01T00:00:40Z',
          sentiment_score: null,
          emotion: null,
          question_id: body.question_id,
          order: nextOrder(),
          follow_up_state: options.followUp ? 'pending' : 'none',
          follow_up_of: null,
        };
        state.transcripts.push(row);
        if (options.followUp) state.pending.set(row.id, options.pendingReads ?? 1);
        if (options.score !== undefined) state.unscored.set(row.id, options.scoreReads ?? 0);
        return { status: 201, body: { ...row } };
      },
    ],
  ]);
  const answersPosted = () => fake.calls.filter((call) => call.method === 'POST' && call.url.endsWith('/transcripts')).map((call) => call.body);
  return { state, fake, answersPosted };
}
