import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { Acceptance, InvitationPreview } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { AccountFields } from '../components/AccountFields';
import { TextInput } from '../components/Field';
import { ErrorMessage, Loading, Notice, untranslatedDetail } from '../components/Status';
import { onlyTranslatedFieldErrors, signUpFieldErrors } from '../lib/signUpErrors';
import { formatDate } from '../lib/format';
import { inviteProblem, type InviteProblem } from '../lib/invitations';

/** Where an accepted invitation leads: the interview room, or the console for a new colleague. */
export function acceptedPath(acceptance: Acceptance): string {
  if (acceptance.kind === 'candidate' && acceptance.interview_id !== null) return `/interviews/${acceptance.interview_id}/room`;
  if (acceptance.kind === 'candidate') return '/candidate';
  return '/recruiter/interviews';
}

/**
 * `/invite?token=…`, the page an invitation e-mail links to: what it invites to (before any
 * sign-in), then sign up with the invited address or sign in, accept, and go on.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = (params.get('token') ?? '').trim();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api.previewInvitation(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: 30_000,
  });
  if (!token) return <InviteProblemCard problem="invalid" />;
  if (preview.isPending) return <Loading label={t('invite.checking')} />;
  if (preview.isError) {
    const problem = inviteProblem(preview.error);
    if (problem) return <InviteProblemCard problem={problem} detail={untranslatedDetail(preview.error)} />;
    return <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} />;
  }
  return <InviteBody token={token} preview={preview.data} />;
}

function InviteProblemCard({ problem, detail }: { problem: InviteProblem; detail?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card narrow" aria-labelledby="invite-problem-title" data-testid="invite-problem" data-problem={problem}>
      <h1 id="invite-problem-title">{t(`invite.problems.${problem}.title`)}</h1>
      <p>{t(`invite.problems.${problem}.text`)}</p>
      {detail && (
        <p className="muted small" data-testid="invite-problem-detail">
          {detail}
        </p>
      )}
      <Link to="/">{t('common.goHome')}</Link>
    </section>
  );
}

function InviteFacts({ preview }: { preview: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts invite-facts" data-testid="invite-facts">
      <div>
        <dt>{t('invite.organization')}</dt>
        <dd data-testid="invite-organization">{preview.organization_name}</dd>
      </div>
      {preview.kind === 'candidate' && (
        <div>
          <dt>{t('invite.posting')}</dt>
          <dd data-testid="invite-posting">
            {preview.job_posting_title ?? '–'}
            {preview.position && <span className="muted small"> · {preview.position}</span>}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('invite.invitedAddress')}</dt>
        <dd className="break" data-testid="invite-email">
          {preview.email}
        </dd>
      </div>
      {preview.deadline && (
        <div>
          <dt>{t('invite.deadline')}</dt>
          <dd data-testid="invite-deadline">{formatDate(preview.deadline, i18n.language)}</dd>
        </div>
      )}
      <div>
        <dt>{t('invite.expires')}</dt>
        <dd data-testid="invite-expires">{formatDate(preview.expires_at, i18n.language)}</dd>
      </div>
    </dl>
  );
}

function InviteBody({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const { user, refresh, signOut } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const here = `/invite?token=${encodeURIComponent(token)}`;
  const accept = useMutation({
    mutationFn: () => api.acceptInvitation(token),
    onSuccess: async (acceptance) => {
      void queryClient.invalidateQueries({ queryKey: ['interviews'] });
      await refresh(); // a new colleague's account is now a recruiter of the organization
      navigate(acceptedPath(acceptance), { replace: true });
    },
  });
  const candidate = preview.kind === 'candidate';
  const used = preview.status === 'accepted';
  const otherAccount = user !== null && user.email.toLowerCase() !== preview.email.toLowerCase();
  const problem = accept.isError ? inviteProblem(accept.error) : null;
  // While signing up (register, sign in, accept) the form stays, though the user is signed in midway.
  const [signingUp, setSigningUp] = useState(false);
  return (
    <section className="invite" aria-labelledby="invite-title" data-testid="invite-page" data-kind={preview.kind}>
      <div className="card">
        <p className="eyebrow">{candidate ? t('invite.candidateEyebrow') : t('invite.memberEyebrow')}</p>
        <h1 id="invite-title">
          {candidate
            ? t('invite.candidateTitle', { organization: preview.organization_name, title: preview.job_posting_title ?? preview.position ?? '' })
            : t('invite.memberTitle', { organization: preview.organization_name })}
        </h1>
        <p>{candidate ? t('invite.candidateText', { organization: preview.organization_name }) : t('invite.memberText')}</p>
        <InviteFacts preview={preview} />
        {used && <Notice tone="info">{t('invite.alreadyAccepted', { email: preview.email })}</Notice>}
      </div>

      {user && !signingUp ? (
        <div className="card" data-testid="invite-signed-in">
          {otherAccount ? (
            <>
              <Notice tone="warning">
                <span data-testid="invite-other-account">{t('invite.otherAccount', { current: user.email, email: preview.email })}</span>
              </Notice>
              <button type="button" className="btn btn-primary" onClick={() => signOut()}>
                {t('invite.signOutToContinue')}
              </button>
            </>
          ) : (
            <>
              <p>{t('invite.signedInAs', { email: user.email })}</p>
              {accept.isError &&
                (problem ? (
                  <Notice tone="warning">
                    <span>
                      {t(`invite.problems.${problem}.text`)}
                      {untranslatedDetail(accept.error) && <span className="muted small"> ({untranslatedDetail(accept.error)})</span>}
                    </span>
                  </Notice>
                ) : (
                  <ErrorMessage error={accept.error} />
                ))}
              <button type="button" className="btn btn-primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
                {accept.isPending
                  ? t('invite.accepting')
                  : used
                    ? t('invite.continue')
                    : candidate
                      ? t('invite.acceptCandidate')
                      : t('invite.acceptMember', { organization: preview.organization_name })}
              </button>
            </>
          )}
        </div>
      ) : (
        <div className="two-col">
          {!used && <InviteSignUp token={token} preview={preview} onBusy={setSigningUp} />}
          <div className="card" aria-labelledby="invite-signin-title">
            <h2 id="invite-signin-title">{t('invite.haveAccountTitle')}</h2>
            <p>{t('invite.haveAccountText', { email: preview.email })}</p>
            <Link className="btn" to={`/signin?next=${encodeURIComponent(here)}`}>
              {t('invite.signIn')}
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}

/** Sign up with the invited address (fixed); the invitation decides the role, so none is sent. */
function InviteSignUp({ token, preview, onBusy }: { token: string; preview: InvitationPreview; onBusy: (busy: boolean) => void }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', password: '', full_name: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = signUpFieldErrors(error, t);
  const emailTaken = error instanceof ApiError && error.status === 409 && /email/i.test(error.message);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const here = `/invite?token=${encodeURIComponent(token)}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    onBusy(true);
    setError(null);
    try {
      await api.register({
        email: preview.email,
        username: form.username.trim(),
        password: form.password,
        full_name: form.full_name.trim() || undefined,
        invitation_token: token,
      });
      await signIn(form.username.trim(), form.password);
      // Signing up accepted the invitation already; accepting again (idempotent) says where to go.
      const acceptance = await api.acceptInvitation(token);
      navigate(acceptedPath(acceptance), { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
      onBusy(false);
    }
  }

  return (
    <div className="card" aria-labelledby="invite-signup-title">
      <h2 id="invite-signup-title">{t('invite.signUpTitle')}</h2>
      <p className="muted small">{preview.kind === 'candidate' ? t('invite.signUpAsCandidate') : t('invite.signUpAsRecruiter', { organization: preview.organization_name })}</p>
      <form onSubmit={submit} data-testid="invite-signup">
        <TextInput label={t('auth.email')} name="email" type="email" value={preview.email} readOnly aria-readonly="true" hint={t('invite.emailFixed')} />
        <AccountFields values={form} set={set} errors={fieldErrors} />
        {emailTaken ? (
          <Notice tone="warning">
            <span>
              {t('invite.emailTaken', { email: preview.email })} <Link to={`/signin?next=${encodeURIComponent(here)}`}>{t('invite.signIn')}</Link>
            </span>
          </Notice>
        ) : onlyTranslatedFieldErrors(error) ? (
          <div className="alert alert-error" role="alert">
            {t('auth.fixFields')}
          </div>
        ) : (
          error !== null && <ErrorMessage error={error} />
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingUp') : t('invite.signUpAndAccept')}
        </button>
      </form>
    </div>
  );
}
