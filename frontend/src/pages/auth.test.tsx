import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import i18n from 'i18next';
import { Route, Routes } from 'react-router';
import { setConfig } from '../config';
import { en } from '../i18n/en';
import { ko } from '../i18n/ko';
import { PASSWORD_PROBLEMS } from '../lib/signUpErrors';
import { fakeFetch, renderWithProviders } from '../test/render';
import { SignIn, SignUp } from './Auth';

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage('en');
});

const change = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

function refusedPassword(type: string, msg = 'The API says why, in English') {
  return { status: 422, body: { detail: [{ loc: ['body', 'password'], msg, type }] } };
}

function renderSignUp(answer: () => { status: number; body?: unknown }) {
  setConfig({ apiUrl: 'http://api.test' });
  vi.stubGlobal('fetch', fakeFetch([[/POST .*\/register$/, answer]]).fn);
  renderWithProviders(
    <Routes>
      <Route path="/signup" element={<SignUp />} />
    </Routes>,
    { route: '/signup', auth: true },
  );
}

async function submitSignUp(labels: { email: string; username: string; password: string; submit: string }) {
  change(await screen.findByLabelText(labels.email), 'kim@example.com');
  change(screen.getByLabelText(labels.username), 'kim');
  change(screen.getByLabelText(labels.password, { exact: true }), 'password');
  fireEvent.click(screen.getByRole('button', { name: labels.submit }));
}

describe('sign-up form: a refused password', () => {
  it('says why beside the password, in English', async () => {
    renderSignUp(() => refusedPassword('password_too_common'));
    await submitSignUp({ email: 'Email', username: 'Username', password: 'Password', submit: 'Create account' });
    expect(await screen.findByText(en.auth.passwordProblems.password_too_common)).toBeTruthy();
    expect(screen.getByLabelText('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(en.auth.fixFields).getAttribute('role')).toBe('alert');
    expect(screen.queryByText(/The API says why/)).toBeNull();
  });

  it('says why in Korean', async () => {
    await i18n.changeLanguage('ko');
    renderSignUp(() => refusedPassword('password_is_email'));
    await submitSignUp({ email: '이메일', username: '아이디', password: '비밀번호', submit: '가입하기' });
    expect(await screen.findByText(ko.auth.passwordProblems.password_is_email)).toBeTruthy();
    expect(screen.getByText(ko.auth.fixFields).getAttribute('role')).toBe('alert');
  });

  it('translates the request model’s own length check too', async () => {
    renderSignUp(() => refusedPassword('string_too_short', 'String should have at least 8 characters'));
    await submitSignUp({ email: 'Email', username: 'Username', password: 'Password', submit: 'Create account' });
    expect(await screen.findByText(en.auth.passwordProblems.password_too_short)).toBeTruthy();
  });

  it('shows any other refusal as before', async () => {
    renderSignUp(() => ({ status: 409, body: { detail: 'This username is already registered' } }));
    await submitSignUp({ email: 'Email', username: 'Username', password: 'Password', submit: 'Create account' });
    expect((await screen.findByRole('alert')).textContent).toContain('This username is already registered');
  });

  it('has words for every reason the API gives, in both languages', () => {
    for (const problem of PASSWORD_PROBLEMS) {
      expect(typeof en.auth.passwordProblems[problem], problem).toBe('string');
      expect(typeof ko.auth.passwordProblems[problem], problem).toBe('string');
    }
  });
});

describe('sign-in form: too many failed log-ins', () => {
  it('says to wait, in both languages', async () => {
    setConfig({ apiUrl: 'http://api.test' });
    vi.stubGlobal('fetch', fakeFetch([[/POST .*\/token$/, () => ({ status: 429, body: { detail: 'Too many failed log-ins: try again in 1 minute(s)' }, headers: { 'Retry-After': '60' } })]]).fn);
    renderWithProviders(
      <Routes>
        <Route path="/signin" element={<SignIn />} />
      </Routes>,
      { route: '/signin', auth: true },
    );
    change(await screen.findByLabelText('Username or email'), 'kim');
    change(screen.getByLabelText('Password', { exact: true }), 'pass-phrase-42');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(en.auth.tooManyAttempts);
    await i18n.changeLanguage('ko');
    expect((await screen.findByRole('alert')).textContent).toBe(ko.auth.tooManyAttempts);
  });
});
