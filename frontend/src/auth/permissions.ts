// What the signed-in user may see and do, as the API decides it (layers/core/.../domain/access.py);
// the screens use these to offer only what will work, and the API still checks everything.
import type { BankQuestion, User } from '../api/types';

export function isStaff(user: User | null | undefined): boolean {
  return user?.role === 'recruiter' || user?.role === 'admin';
}

/** A recruiter of an approved organization. */
export function isMember(user: User | null | undefined): boolean {
  return user?.role === 'recruiter' && user.organization?.status === 'approved';
}

/** A recruiter whose organization is not approved yet (or who has none): the console is closed to them. */
export function awaitsApproval(user: User | null | undefined): boolean {
  return user?.role === 'recruiter' && user.organization?.status !== 'approved';
}

export function isOwner(user: User | null | undefined): boolean {
  return isMember(user) && user?.organization?.role === 'owner';
}

/** The audit trail: owners read their organization's, admins every one. */
export function canReadAudit(user: User | null | undefined): boolean {
  return user?.role === 'admin' || isOwner(user);
}

/** The curated bank (no organization) is the admins'; an organization's questions are its members'. */
export function canEditQuestion(user: User | null | undefined, question: Pick<BankQuestion, 'organization_id'>): boolean {
  if (!user) return false;
  if (question.organization_id === null) return user.role === 'admin';
  return isMember(user) && user.organization?.id === question.organization_id;
}

/** Job postings and candidate invitations belong to an organization: its recruiters make them. */
export function canInvite(user: User | null | undefined): boolean {
  return isMember(user);
}
