import { ApiError } from '../api/client';
import type { Invitation } from '../api/types';

export const MAX_EMAILS = 100;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export interface ParsedEmails {
  /** Valid addresses, each once (compared without case), in the order given. */
  emails: string[];
  /** What does not look like an address. */
  invalid: string[];
}

/** Addresses typed or pasted one per line, or separated by commas, semicolons or spaces. */
export function parseEmails(text: string): ParsedEmails {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const item = raw.trim().replace(/^<|>$/g, '');
    if (!item) continue;
    if (!EMAIL.test(item)) {
      invalid.push(item);
      continue;
    }
    const key = item.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    emails.push(item);
  }
  return { emails, invalid };
}

/** The API's reasons for skipping an address, as keys of `invitations.reasons` (null: show the API's words). */
export function skippedReasonKey(reason: string): string | null {
  if (reason.startsWith('already has an interview for this posting')) return 'retakeNeeded';
  if (reason.startsWith('this address belongs to a recruiter or administrator')) return 'staffAccount';
  if (reason.startsWith('already a member of the organization')) return 'alreadyMember';
  if (reason.startsWith('this address belongs to an account that cannot join')) return 'cannotJoin';
  return null;
}

export type InviteProblem = 'invalid' | 'withdrawn' | 'expired' | 'used' | 'closed';

/** Why an invitation link cannot be used, from the API's answer to preview or accept (null: another error). */
export function inviteProblem(error: unknown): InviteProblem | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 404) return 'invalid';
  if (error.status !== 409) return null;
  if (error.code === 'posting_closed') return 'closed';
  const detail = error.message.toLowerCase();
  if (detail.includes('withdrawn')) return 'withdrawn';
  if (detail.includes('expired')) return 'expired';
  if (detail.includes('already used')) return 'used';
  if (detail.includes('closed')) return 'closed';
  return null;
}

/** What can be done with an invitation in the list: revoke an open one; resend any not accepted. */
export function invitationActions(invitation: Pick<Invitation, 'status'>): { revoke: boolean; resend: boolean } {
  return { revoke: invitation.status === 'pending', resend: invitation.status !== 'accepted' };
}

/** True while an open invitation's e-mail is still on its way (the list is polled meanwhile). */
export function isSending(invitation: Pick<Invitation, 'status' | 'sent_at'>): boolean {
  return invitation.status === 'pending' && invitation.sent_at === null;
}
