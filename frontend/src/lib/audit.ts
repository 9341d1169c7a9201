/** One changed field of an audit entry: its value before and after (undefined: not there). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields an audit entry changed, in a stable order: every field whose value differs between
 * `before` and `after` (a creation has no before, so all its fields; a deletion no after).
 */
export function auditChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((key) => !same(before?.[key], after?.[key]))
    .map((key) => ({ field: key, before: before?.[key], after: after?.[key] }));
}

/** A value shown in one short line: strings as they are, the rest as JSON, cut at `max` characters; none is "–". */
export function compactValue(value: unknown, max = 80): string {
  if (value === undefined || value === null) return '–';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "question.updated" → ["question", "updated"]. */
export function splitAction(action: string): [string, string] {
  const dot = action.indexOf('.');
  return dot < 0 ? [action, ''] : [action.slice(0, dot), action.slice(dot + 1)];
}

export interface ReportEventFacts {
  scope: string | null;
  questionId: number | null;
  aiScore: number | null;
  previousScore: number | null;
  score: number | null;
  reason: string | null;
  state: string | null;
  note: string | null;
}

/** What a report event recorded (an override's scope and scores and reason; a review's state and note), read
 * from its after (else before) record; missing or mistyped fields are null. */
export function reportEventFacts(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ReportEventFacts {
  const record = { ...(before ?? {}), ...(after ?? {}) };
  const number = (key: string) => (typeof record[key] === 'number' ? (record[key] as number) : null);
  const text = (key: string) => (typeof record[key] === 'string' && (record[key] as string) !== '' ? (record[key] as string) : null);
  return {
    scope: text('scope'),
    questionId: number('question_id'),
    aiScore: number('ai_score'),
    previousScore: number('previous_score'),
    score: number('score'),
    reason: text('reason'),
    state: typeof after?.state === 'string' ? (after.state as string) : text('state'),
    note: typeof after?.note === 'string' && after.note ? (after.note as string) : null,
  };
}
