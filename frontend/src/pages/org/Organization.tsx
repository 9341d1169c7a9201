import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Language, MyOrganization } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { awaitsApproval, isOwner } from '../../auth/permissions';
import { checkEmails, EmailsField, InvitationList, InviteFormEnd, invitationsRefetchInterval } from '../../components/Invitations';
import { ErrorMessage, Loading, Notice, QueryState } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { MAX_EMAILS } from '../../lib/invitations';

export function OrganizationStatusBadge({ status }: { status: MyOrganization['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-org-${status}`} data-testid="organization-status" data-status={status}>
      {t(`organizations.status.${status}`)}
    </span>
  );
}

/**
 * What a recruiter whose organization is not approved yet sees instead of the console: why, their
 * organization as the API has it, and a way to check again without signing out.
 */
export function PendingOrganization() {
  const { t, i18n } = useTranslation();
  const { user, refresh } = useAuth();
  const [checked, setChecked] = useState(false);
  const organization = useQuery({ queryKey: ['my-organization'], queryFn: api.myOrganization, retry: false });
  const check = useMutation({
    mutationFn: async () => {
      const [me] = await Promise.all([refresh(), organization.refetch()]);
      return me;
    },
    onSuccess: () => setChecked(true),
  });
  const noOrganization = organization.error instanceof ApiError && organization.error.status === 404;
  return (
    <section className="card pending-org" aria-labelledby="pending-title" data-testid="pending-organization">
      <h1 id="pending-title">
        {noOrganization || !user?.organization ? t('organizations.noOrganizationTitle') : t('organizations.pendingTitle')}
      </h1>
      {noOrganization || !user?.organization ? (
        <p>{t('organizations.noOrganizationText')}</p>
      ) : (
        <>
          <p>{t('organizations.pendingText', { name: user.organization.name })}</p>
          <p className="muted small">{t('organizations.pendingNext')}</p>
        </>
      )}
      {organization.isPending ? (
        <Loading />
      ) : organization.isError ? (
        noOrganization ? null : <ErrorMessage error={organization.error} onRetry={() => void organization.refetch()} />
      ) : (
        <dl className="facts">
          <div>
            <dt>{t('organizations.name')}</dt>
            <dd data-testid="organization-name">{organization.data.name}</dd>
          </div>
          <div>
            <dt>{t('common.status')}</dt>
            <dd>
              <OrganizationStatusBadge status={organization.data.status} />
            </dd>
          </div>
          <div>
            <dt>{t('organizations.createdAt')}</dt>
            <dd>{formatDate(organization.data.created_at, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('organizations.members')}</dt>
            <dd>{organization.data.members.map((member) => member.full_name || member.username).join(', ')}</dd>
          </div>
        </dl>
      )}
      {check.isError && <ErrorMessage error={check.error} />}
      {checked && !check.isPending && awaitsApproval(user) && <Notice tone="info">{t('organizations.stillPending')}</Notice>}
      <button type="button" className="btn btn-primary" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? t('organizations.checking') : t('organizations.checkAgain')}
      </button>
    </section>
  );
}

/** The recruiter's organization: its members, and for its owner the invitations of colleagues. */
export function OrganizationPage() {
  const { user } = useAuth();
  if (awaitsApproval(user)) return <PendingOrganization />;
  return <OrganizationBody />;
}

function OrganizationBody() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const organization = useQuery({ queryKey: ['my-organization'], queryFn: api.myOrganization });
  const owner = isOwner(user);
  return (
    <QueryState query={organization}>
      {(data) => (
        <>
          <div className="page-head">
            <h1>
              {data.name} <OrganizationStatusBadge status={data.status} />
            </h1>
          </div>
          <p className="muted">
            {t('organizations.yourRole', { role: t(`organizations.roles.${user?.organization?.role ?? 'member'}`) })}{' '}
            {owner ? t('organizations.ownerText') : t('organizations.memberText')}
          </p>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">{t('organizations.members')}</h2>
            <ul className="item-list" data-testid="members">
              {data.members.map((member) => (
                <li key={member.id} className="item" data-testid="member-row" data-username={member.username}>
                  <div>
                    <strong>{member.full_name || member.username}</strong>{' '}
                    <span className={`badge ${member.role === 'owner' ? 'badge-scheduled' : 'badge-neutral'}`}>{t(`organizations.roles.${member.role}`)}</span>
                    {member.id === user?.id && <span className="muted small"> {t('common.you')}</span>}
                    <div className="muted small break">
                      @{member.username} · {member.email} · {t('organizations.joinedAt', { date: formatDate(member.joined_at, i18n.language) })}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </section>
          {owner && (
            <div className="two-col">
              <InviteMembersForm />
              <MemberInvitations />
            </div>
          )}
        </>
      )}
    </QueryState>
  );
}

function InviteMembersForm() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'ko');
  const [problem, setProblem] = useState<string | undefined>();
  const invite = useMutation({
    mutationFn: (body: Parameters<typeof api.inviteMembers>[0]) => api.inviteMembers(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
      setText('');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkEmails(text, t);
    setProblem(checked.error);
    if (checked.error) return;
    invite.mutate({ emails: checked.emails, language });
  }
  return (
    <section className="card" aria-labelledby="invite-members-title">
      <h2 id="invite-members-title">{t('invitations.inviteMembers')}</h2>
      <form onSubmit={submit} noValidate data-testid="invite-members-form">
        <p className="muted small">{t('invitations.memberIntro')}</p>
        <EmailsField label={t('invitations.memberEmails')} hint={t('invitations.emailsHint', { max: MAX_EMAILS })} value={text} onChange={setText} error={problem} />
        <InviteFormEnd languageLabel={t('invitations.mailLanguage')} language={language} onLanguage={setLanguage} invite={invite} />
      </form>
    </section>
  );
}

function MemberInvitations() {
  const { t } = useTranslation();
  const invitations = useQuery({
    queryKey: ['invitations', { kind: 'member' }],
    queryFn: () => api.listInvitations({ kind: 'member', limit: 500 }),
    refetchInterval: invitationsRefetchInterval,
  });
  return (
    <section className="card" aria-labelledby="member-invitations-title">
      <h2 id="member-invitations-title">{t('invitations.memberTitle')}</h2>
      <QueryState query={invitations}>{(list) => <InvitationList invitations={list} canManage />}</QueryState>
    </section>
  );
}
