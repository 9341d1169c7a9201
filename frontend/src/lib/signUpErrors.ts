import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** Why the API refused a password (the `type` of its 422 item), each with a translation under
 * auth.passwordProblems. */
export const PASSWORD_PROBLEMS = [
  'password_blank',
  'password_too_short',
  'password_too_long',
  'password_is_username',
  'password_is_email',
  'password_too_common',
] as const;
type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

// The request model's own length checks come first, with the validator's types.
const LENGTH_TYPES: Record<string, PasswordProblem> = {
  string_too_short: 'password_too_short',
  string_too_long: 'password_too_long',
};

function passwordProblem(code: string | undefined): PasswordProblem | null {
  if (!code) return null;
  if ((PASSWORD_PROBLEMS as readonly string[]).includes(code)) return code as PasswordProblem;
  return LENGTH_TYPES[code] ?? null;
}

/** A sign-up form's per-field errors, the password's in the reader's language. */
export function signUpFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const errors = { ...error.fieldErrors };
  const problem = passwordProblem(error.fieldCodes.password);
  if (problem) errors.password = t(`auth.passwordProblems.${problem}`);
  return errors;
}

/** Whether the only thing wrong is a field the form now marks in the reader's language. */
export function onlyTranslatedFieldErrors(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 422) return false;
  const fields = Object.keys(error.fieldErrors);
  return fields.length > 0 && fields.every((field) => field === 'password' && passwordProblem(error.fieldCodes.password) !== null);
}

/** A refused sign-in: too many failures (429) gets its own words; wrong credentials are the form's. */
export function isTooManyAttempts(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429;
}
