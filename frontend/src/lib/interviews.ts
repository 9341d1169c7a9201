import type { Interview, InterviewStatus, Question, Transcript } from '../api/types';

export type SortKey = 'date' | 'score' | 'status' | 'position';
export type SortDir = 'asc' | 'desc';

const STATUS_ORDER: Record<InterviewStatus, number> = { live: 0, scheduled: 1, completed: 2, cancelled: 3 };

/** The date an interview is listed under: when it ended, started, is scheduled, or was created. */
export function interviewDate(interview: Interview): string {
  return interview.end_time ?? interview.start_time ?? interview.scheduled_time ?? interview.created_at;
}

export function sortInterviews(list: Interview[], key: SortKey, dir: SortDir): Interview[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    let diff = 0;
    if (key === 'date') diff = Date.parse(interviewDate(a)) - Date.parse(interviewDate(b));
    else if (key === 'score') {
      // Interviews without a score go last whatever the direction.
      if (a.overall_score === null && b.overall_score === null) diff = 0;
      else if (a.overall_score === null) return 1;
      else if (b.overall_score === null) return -1;
      else diff = a.overall_score - b.overall_score;
    } else if (key === 'status') diff = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    else diff = a.position.localeCompare(b.position);
    return diff * sign || b.id - a.id;
  });
}

/** The candidate's full name, else their username; null when the API gave neither. */
export function candidateName(interview: Pick<Interview, 'candidate_full_name' | 'candidate_username'>): string | null {
  return interview.candidate_full_name?.trim() || interview.candidate_username?.trim() || null;
}

export function filterInterviews(list: Interview[], text: string): Interview[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return list;
  return list.filter(
    (interview) =>
      interview.position.toLowerCase().includes(needle) ||
      (interview.candidate_full_name ?? '').toLowerCase().includes(needle) ||
      (interview.candidate_username ?? '').toLowerCase().includes(needle) ||
      String(interview.candidate_id) === needle ||
      String(interview.id) === needle,
  );
}

/** The candidate's answer to each question (the latest one when a question was answered twice). */
export function answersByQuestion(transcripts: Transcript[]): Map<number, Transcript> {
  const answers = new Map<number, Transcript>();
  for (const transcript of [...transcripts].sort((a, b) => a.order - b.order)) {
    if (transcript.speaker === 'User' && transcript.question_id !== null) answers.set(transcript.question_id, transcript);
  }
  return answers;
}

/** Index of the first question without an answer (questions.length when all are answered). */
export function firstUnanswered(questions: Question[], answers: Map<number, Transcript>): number {
  const sorted = [...questions].sort((a, b) => a.order - b.order);
  const index = sorted.findIndex((question) => !answers.has(question.id));
  return index === -1 ? sorted.length : index;
}

export interface ConversationTurn {
  question: Transcript | null;
  answers: Transcript[];
}

/**
 * The conversation as turns: each AI question followed by the answers given to it. The API
 * stores every question up front, so the raw order is not the order things were said.
 */
export function conversation(transcripts: Transcript[]): ConversationTurn[] {
  const sorted = [...transcripts].sort((a, b) => a.order - b.order);
  const turns: ConversationTurn[] = [];
  const byQuestion = new Map<number, ConversationTurn>();
  for (const transcript of sorted) {
    if (transcript.speaker === 'AI') {
      const turn: ConversationTurn = { question: transcript, answers: [] };
      turns.push(turn);
      if (transcript.question_id !== null) byQuestion.set(transcript.question_id, turn);
    }
  }
  for (const transcript of sorted) {
    if (transcript.speaker === 'AI') continue;
    const turn = transcript.question_id !== null ? byQuestion.get(transcript.question_id) : undefined;
    if (turn) turn.answers.push(transcript);
    else turns.push({ question: null, answers: [transcript] });
  }
  return turns;
}

/** Sentiment of the candidate's answers in the order they were given. */
export function sentimentSeries(transcripts: Transcript[]): { x: number; y: number; label: string; emotion: string | null }[] {
  return [...transcripts]
    .filter((transcript) => transcript.speaker === 'User' && transcript.sentiment_score !== null)
    .sort((a, b) => a.order - b.order)
    .map((transcript, index) => ({
      x: index + 1,
      y: transcript.sentiment_score as number,
      label: transcript.text,
      emotion: transcript.emotion,
    }));
}
