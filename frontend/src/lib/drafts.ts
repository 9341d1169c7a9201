// The answer being written, kept in this browser until it is saved: a reload, a lost connection or
// a sign-in that ended loses nothing. One entry per interview and question (a follow-up is answered
// under its question's id, after the first answer was saved and its draft removed).

const PREFIX = 'interview.draft.';

export interface Draft {
  /** What is in the answer box. */
  text: string;
  /** What speech recognition heard so far and had not yet put in the box. */
  partial: string;
}

export function draftKey(interviewId: number, questionId: number): string {
  return `${PREFIX}${interviewId}.${questionId}`;
}

export function loadDraft(interviewId: number, questionId: number): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(interviewId, questionId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    const draft = { text: typeof value.text === 'string' ? value.text : '', partial: typeof value.partial === 'string' ? value.partial : '' };
    return draft.text.trim() || draft.partial.trim() ? draft : null;
  } catch {
    return null;
  }
}

/** The text to put back in the answer box: what was typed, then what was heard. */
export function draftText(draft: Draft | null): string {
  if (!draft) return '';
  const text = draft.text.trimEnd();
  const partial = draft.partial.trim();
  return partial ? (text ? `${text} ${partial}` : partial) : draft.text;
}

export function saveDraft(interviewId: number, questionId: number, draft: Draft): void {
  try {
    if (!draft.text.trim() && !draft.partial.trim()) localStorage.removeItem(draftKey(interviewId, questionId));
    else localStorage.setItem(draftKey(interviewId, questionId), JSON.stringify({ text: draft.text, partial: draft.partial }));
  } catch {
    /* storage full or unavailable: the answer box still has the text */
  }
}

export function removeDraft(interviewId: number, questionId: number): void {
  try {
    localStorage.removeItem(draftKey(interviewId, questionId));
  } catch {
    /* unavailable: nothing was kept */
  }
}

/** When the interview is finished: its drafts are of no more use (and not left on a shared computer). */
export function removeInterviewDrafts(interviewId: number): void {
  removeDraftsStartingWith(`${PREFIX}${interviewId}.`);
}

/** Signing out on purpose: nothing of the candidate's answers stays on a shared computer. */
export function removeAllDrafts(): void {
  removeDraftsStartingWith(PREFIX);
}

function removeDraftsStartingWith(prefix: string): void {
  try {
    const keys: string[] = [];
    for (let index = 0; index < localStorage.length; index += 1) {
      const key = localStorage.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    keys.forEach((key) => localStorage.removeItem(key));
  } catch {
    /* unavailable: nothing was kept */
  }
}

/** Whether this browser keeps an unsent answer of the interview. */
export function hasDrafts(interviewId: number): boolean {
  try {
    const prefix = `${PREFIX}${interviewId}.`;
    for (let index = 0; index < localStorage.length; index += 1) {
      if (localStorage.key(index)?.startsWith(prefix)) return true;
    }
  } catch {
    /* unavailable: nothing was kept */
  }
  return false;
}

/** The interview a path like /interviews/5/room opens, or null. */
export function roomInterviewId(path: string | null): number | null {
  const match = /^\/interviews\/(\d+)\/room$/.exec(path ?? '');
  return match ? Number(match[1]) : null;
}
