import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { User } from '../api/types';
import { awaitsApproval, canEditQuestion, canReadAudit, isMember, isOwner } from '../auth/permissions';
import { auditChanges, compactValue } from './audit';
import { invitationActions, inviteProblem, isSending, parseEmails, skippedReasonKey } from './invitations';

describe('parseEmails', () => {
  it('splits on commas, semicolons, spaces and new lines, keeps each address once and lists what is not one', () => {
    expect(parseEmails(' a@example.org,b@example.org;\n\nA@EXAMPLE.ORG  c.d+e@sub.example.co.kr <f@example.com> nope x@y ')).toEqual({
      emails: ['a@example.org', 'b@example.org', 'c.d+e@sub.example.co.kr', 'f@example.com'],
      invalid: ['nope', 'x@y'],
    });
    expect(parseEmails('   ')).toEqual({ emails: [], invalid: [] });
  });
});

describe('invitation helpers', () => {
  it('names the reasons the API gives for skipping an address', () => {
    expect(skippedReasonKey('already has an interview for this posting: invite with retake to interview them again')).toBe('retakeNeeded');
    expect(skippedReasonKey('already a member of the organization')).toBe('alreadyMember');
    expect(skippedReasonKey('something new')).toBeNull();
  });
  it('tells an invalid, withdrawn, expired or used link from the API’s answer', () => {
    expect(inviteProblem(new ApiError(404, 'This invitation link is not valid'))).toBe('invalid');
    expect(inviteProblem(new ApiError(409, 'This invitation was withdrawn by the organization'))).toBe('withdrawn');
    expect(inviteProblem(new ApiError(409, 'This invitation has expired: ask the organization to send it again'))).toBe('expired');
    expect(inviteProblem(new ApiError(409, 'This invitation was already used'))).toBe('used');
    expect(inviteProblem(new ApiError(403, 'another e-mail address'))).toBeNull();
    expect(inviteProblem(new Error('x'))).toBeNull();
  });
  it('offers revoke for an open invitation and resend for any not accepted; an open one without sent_at is on its way', () => {
    expect(invitationActions({ status: 'pending' })).toEqual({ revoke: true, resend: true });
    expect(invitationActions({ status: 'revoked' })).toEqual({ revoke: false, resend: true });
    expect(invitationActions({ status: 'accepted' })).toEqual({ revoke: false, resend: false });
    expect(isSending({ status: 'pending', sent_at: null })).toBe(true);
    expect(isSending({ status: 'pending', sent_at: '2026-01-01T00:00:00Z' })).toBe(false);
    expect(isSending({ status: 'revoked', sent_at: null })).toBe(false);
  });
});

describe('audit changes', () => {
  it('lists only the fields that changed, a creation’s every field, and cuts long values', () => {
    expect(auditChanges({ status: 'pending', name: 'Acme' }, { status: 'approved', name: 'Acme' })).toEqual([{ field: 'status', before: 'pending', after: 'approved' }]);
    expect(auditChanges(null, { email: 'a@example.org', retake: false })).toEqual([
      { field: 'email', before: undefined, after: 'a@example.org' },
      { field: 'retake', before: undefined, after: false },
    ]);
    expect(auditChanges({ rubric_json: { criteria: [1] } }, { rubric_json: { criteria: [1] } })).toEqual([]);
    expect(compactValue({ criteria: [{ name: 'x'.repeat(100) }] }, 20)).toHaveLength(20);
    expect(compactValue(undefined)).toBe('–');
    expect(compactValue(null)).toBe('–');
    expect(compactValue('plain')).toBe('plain');
  });
});

describe('permissions', () => {
  const user = (over: Partial<User>): User => ({ id: 1, email: 'a@example.org', username: 'a', role: 'recruiter', full_name: null, created_at: '', organization: null, ...over });
  const owner = user({ organization: { id: 3, name: 'Acme', status: 'approved', role: 'owner' } });
  const member = user({ organization: { id: 3, name: 'Acme', status: 'approved', role: 'member' } });
  const pending = user({ organization: { id: 4, name: 'Newco', status: 'pending', role: 'owner' } });
  const admin = user({ role: 'admin' });
  it('opens the console to approved organizations only, and the audit trail to owners and admins', () => {
    expect([owner, member, pending, admin].map(isMember)).toEqual([true, true, false, false]);
    expect([owner, member, pending, admin].map(awaitsApproval)).toEqual([false, false, true, false]);
    expect(awaitsApproval(user({ organization: null }))).toBe(true);
    expect([owner, member, pending, admin].map(isOwner)).toEqual([true, false, false, false]);
    expect([owner, member, pending, admin].map(canReadAudit)).toEqual([true, false, false, true]);
  });
  it('lets admins edit the curated bank and organizations their own questions', () => {
    expect(canEditQuestion(member, { organization_id: null })).toBe(false);
    expect(canEditQuestion(admin, { organization_id: null })).toBe(true);
    expect(canEditQuestion(member, { organization_id: 3 })).toBe(true);
    expect(canEditQuestion(member, { organization_id: 9 })).toBe(false);
    expect(canEditQuestion(admin, { organization_id: 3 })).toBe(false);
    expect(canEditQuestion(pending, { organization_id: 4 })).toBe(false);
  });
});
