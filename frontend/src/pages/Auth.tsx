import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { homePath, useAuth } from '../auth/AuthContext';
import { AccountFields } from '../components/AccountFields';
import { TextInput } from '../components/Field';
import { ErrorMessage, Notice } from '../components/Status';
import { isTooManyAttempts, onlyTranslatedFieldErrors, signUpFieldErrors } from '../lib/signUpErrors';
import { hasDrafts, roomInterviewId } from '../lib/drafts';

function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignIn() {
  const { t } = useTranslation();
  const { user, signIn, expired } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  if (user && !busy) return <Navigate to={next ?? homePath(user)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signIn(username.trim(), password);
      navigate(next ?? homePath(signedIn), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('auth.signInTitle')}</h1>
      {(expired || params.get('expired')) && <Notice tone="warning">{t('auth.expired')}</Notice>}
      {roomInterviewId(next) !== null && hasDrafts(roomInterviewId(next) as number) && (
        <Notice tone="info">
          <span data-testid="draft-kept">{t('auth.draftKept')}</span>
        </Notice>
      )}
      <form onSubmit={submit} noValidate={false}>
        <TextInput label={t('auth.usernameOrEmail')} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <TextInput label={t('auth.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error !== null &&
          (error instanceof ApiError && error.status === 401 ? (
            <div className="alert alert-error" role="alert">
              {t('auth.badCredentials')}
            </div>
          ) : isTooManyAttempts(error) ? (
            <div className="alert alert-error" role="alert">
              {t('auth.tooManyAttempts')}
            </div>
          ) : (
            <ErrorMessage error={error} />
          ))}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to={`/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('auth.signUpTitle')}</Link>
      </p>
    </section>
  );
}

export function SignUp() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ email: '', username: '', password: '', full_name: '', organization_name: '', role: 'candidate' as 'candidate' | 'recruiter' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  if (user && !busy) return <Navigate to={next ?? homePath(user)} replace />;

  const fieldErrors = signUpFieldErrors(error, t);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.register({
        email: form.email.trim(),
        username: form.username.trim(),
        password: form.password,
        full_name: form.full_name.trim() || undefined,
        role: form.role,
        organization_name: form.role === 'recruiter' ? form.organization_name.trim() || undefined : undefined,
      });
      const signedIn = await signIn(form.username.trim(), form.password);
      navigate(next ?? homePath(signedIn), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('auth.signUpTitle')}</h1>
      <form onSubmit={submit}>
        <TextInput label={t('auth.email')} name="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} error={fieldErrors.email} />
        <AccountFields values={form} set={set} errors={fieldErrors} />
        <fieldset className="field">
          <legend>{t('auth.role')}</legend>
          <div className="radio-row">
            {(['candidate', 'recruiter'] as const).map((role) => (
              <label key={role} className="radio">
                <input type="radio" name="role" value={role} checked={form.role === role} onChange={() => setForm({ ...form, role })} />
                {t(`roles.${role}`)}
              </label>
            ))}
          </div>
          <small className="hint">{t('auth.adminNote')}</small>
        </fieldset>
        {form.role === 'recruiter' && (
          <>
            <TextInput
              label={
                <>
                  {t('auth.organizationName')} <span className="muted">{t('common.optional')}</span>
                </>
              }
              hint={t('auth.organizationHint')}
              name="organization_name"
              autoComplete="organization"
              maxLength={200}
              value={form.organization_name}
              onChange={set('organization_name')}
              error={fieldErrors.organization_name}
            />
            <Notice tone="info">{t('auth.recruiterApproval')}</Notice>
          </>
        )}
        {error !== null &&
          (onlyTranslatedFieldErrors(error) ? (
            <div className="alert alert-error" role="alert">
              {t('auth.fixFields')}
            </div>
          ) : (
            <ErrorMessage error={error} />
          ))}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('auth.signingUp') : t('auth.signUp')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/signin">{t('auth.signInTitle')}</Link>
      </p>
    </section>
  );
}
