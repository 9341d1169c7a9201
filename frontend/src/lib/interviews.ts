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

/** An AI line asking a follow-up (rather than one of the interview's questions). */
export function isFollowUp(transcript: Pick<Transcript, 'speaker' | 'follow_up_of'>): boolean {
  return transcript.speaker === 'AI' && transcript.follow_up_of !== null && transcript.follow_up_of !== undefined;
}

/** Where a question's conversation stands: waiting for the answer, for the interviewer (deciding
 * whether to ask a follow-up), for the answer to a follow-up, or done. */
export type ThreadStep = 'answer' | 'waiting' | 'followUp' | 'done';

export interface QuestionThread {
  question: Question;
  /** Its number in the interview (1-based, by order), whatever was skipped. */
  number: number;
  /** The candidate's answers and the interviewer's follow-ups on this question, in order. */
  lines: Transcript[];
  /** The question itself was answered (at least once). */
  answered: boolean;
  step: ThreadStep;
  /** The follow-up waiting for an answer (step `followUp`). */
  openFollowUp: Transcript | null;
  /** The latest answer on this question. */
  lastAnswer: Transcript | null;
}

/** Each question with its conversation: the answers and follow-ups, and what comes next. */
export function questionThreads(questions: Question[], transcripts: Transcript[]): QuestionThread[] {
  const sorted = [...transcripts].sort((a, b) => a.order - b.order);
  return [...questions]
    .sort((a, b) => a.order - b.order)
    .map((question, index) => {
      const lines = sorted.filter((line) => line.question_id === question.id && (line.speaker === 'User' || isFollowUp(line)));
      const answers = lines.filter((line) => line.speaker === 'User');
      const last = lines.at(-1) ?? null;
      const lastAnswer = answers.at(-1) ?? null;
      let step: ThreadStep = 'done';
      let openFollowUp: Transcript | null = null;
      if (!last) step = 'answer';
      else if (last.speaker !== 'User') {
        step = 'followUp';
        openFollowUp = last;
      } else if (last.follow_up_state === 'pending' || last.follow_up_state === 'asked') {
        // asked, but the follow-up's line not read yet: it is on its way.
        step = 'waiting';
      }
      return { question, number: index + 1, lines, answered: answers.length > 0, step, openFollowUp, lastAnswer };
    });
}

export interface ConversationTurn {
  question: Transcript | null;
  answers: Transcript[];
  /** The turn is the interviewer's follow-up on the question before it. */
  followUp?: boolean;
}

/**
 * The conversation as turns: each AI question followed by the answers given to it, then each of
 * its follow-ups with the answers to that. The API stores every question up front, so the raw
 * order is not the order things were said; a follow-up has its question's `question_id`.
 */
export function conversation(transcripts: Transcript[]): ConversationTurn[] {
  const sorted = [...transcripts].sort((a, b) => a.order - b.order);
  const turns: ConversationTurn[][] = [];
  const byQuestion = new Map<number, ConversationTurn[]>();
  for (const transcript of sorted) {
    if (transcript.speaker === 'AI' && !isFollowUp(transcript)) {
      const thread: ConversationTurn[] = [{ question: transcript, answers: [] }];
      turns.push(thread);
      if (transcript.question_id !== null) byQuestion.set(transcript.question_id, thread);
    }
  }
  for (const transcript of sorted) {
    if (transcript.speaker === 'AI' && !isFollowUp(transcript)) continue;
    const thread = transcript.question_id !== null ? byQuestion.get(transcript.question_id) : undefined;
    if (isFollowUp(transcript)) {
      const turn: ConversationTurn = { question: transcript, answers: [], followUp: true };
      if (thread) thread.push(turn);
      else turns.push([turn]);
    } else if (thread) thread[thread.length - 1].answers.push(transcript);
    else turns.push([{ question: null, answers: [transcript] }]);
  }
  return turns.flat();
}

export interface AnswerLabel {
  /** The number of the question answered (1-based, by order in the interview). */
  question: number;
  /** It answers a follow-up rather than the question itself. */
  followUp: boolean;
}

/**
 * For each of the candidate's answers (by transcript id), the number of its question and whether it
 * answers a follow-up. The numbers come from the questions when given, else from the transcript's
 * own question lines (stored in asking order).
 */
export function answerLabels(transcripts: Transcript[], questions?: Pick<Question, 'id' | 'order'>[]): Map<number, AnswerLabel> {
  const sorted = [...transcripts].sort((a, b) => a.order - b.order);
  const numbers = new Map<number, number>();
  const ordered = questions?.length
    ? [...questions].sort((a, b) => a.order - b.order).map((question) => question.id)
    : sorted.filter((line) => line.speaker === 'AI' && !isFollowUp(line) && line.question_id !== null).map((line) => line.question_id as number);
  ordered.forEach((id) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  });
  const labels = new Map<number, AnswerLabel>();
  const followedUp = new Set<number>();
  for (const line of sorted) {
    if (line.question_id === null) continue;
    if (isFollowUp(line)) followedUp.add(line.question_id);
    else if (line.speaker === 'User') {
      const number = numbers.get(line.question_id);
      if (number !== undefined) labels.set(line.id, { question: number, followUp: followedUp.has(line.question_id) });
    }
  }
  return labels;
}

/** Sentiment of the candidate's answers in the order they were given, with the question each answers. */
export function sentimentSeries(
  transcripts: Transcript[],
): { x: number; y: number; label: string; emotion: string | null; question: number | null; followUp: boolean }[] {
  const labels = answerLabels(transcripts);
  return [...transcripts]
    .filter((transcript) => transcript.speaker === 'User' && transcript.sentiment_score !== null)
    .sort((a, b) => a.order - b.order)
    .map((transcript, index) => ({
      x: index + 1,
      y: transcript.sentiment_score as number,
      label: transcript.text,
      emotion: transcript.emotion,
      question: labels.get(transcript.id)?.question ?? null,
      followUp: labels.get(transcript.id)?.followUp ?? false,
    }));
}
