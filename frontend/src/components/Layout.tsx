import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { awaitsApproval, canReadAudit, isStaff } from '../auth/permissions';
import { setLanguage, type AppLanguage } from '../i18n';
import { removeAllDrafts } from '../lib/drafts';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-select">
      <span className="sr-only">{t('app.language')}</span>
      <select
        data-testid="language-select"
        aria-label={t('app.language')}
        value={i18n.language}
        onChange={(event) => setLanguage(event.target.value as AppLanguage)}
      >
        <option value="ko">한국어</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  // A recruiter whose organization waits for approval sees only their organization.
  const pending = awaitsApproval(user);
  const staff = isStaff(user) && !pending;
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          {user && (
            <nav aria-label={t('app.mainNav')} className="mainnav">
              {user.role === 'candidate' && <NavLink to="/candidate">{t('nav.myInterviews')}</NavLink>}
              {staff && <NavLink to="/recruiter/postings">{t('nav.postings')}</NavLink>}
              {staff && <NavLink to="/recruiter/interviews">{t('nav.interviews')}</NavLink>}
              {staff && <NavLink to="/recruiter/questions">{t('nav.questions')}</NavLink>}
              {user.role === 'recruiter' && <NavLink to="/recruiter/organization">{t('nav.organization')}</NavLink>}
              {canReadAudit(user) && <NavLink to="/audit">{t('nav.audit')}</NavLink>}
              {user.role === 'admin' && <NavLink to="/admin/organizations">{t('nav.organizations')}</NavLink>}
              {user.role === 'admin' && <NavLink to="/admin/users">{t('nav.users')}</NavLink>}
            </nav>
          )}
          <div className="topbar-end">
            <LanguageSelect />
            {user && (
              <>
                <span className="whoami" title={t('app.signedInAs', { name: user.username, role: t(`roles.${user.role}`) })}>
                  {user.full_name || user.username}
                </span>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => {
                    removeAllDrafts();
                    signOut();
                    navigate('/signin');
                  }}
                >
                  {t('app.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
