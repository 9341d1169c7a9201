import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { ERROR_CODES, ErrorMessage, errorMessage, untranslatedDetail } from './Status';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

const t = i18n.t.bind(i18n);

describe('errors by code', () => {
  it('translates every known code in both languages, never showing the API’s English detail', async () => {
    for (const language of ['en', 'ko']) {
      await i18n.changeLanguage(language);
      for (const code of ERROR_CODES) {
        const text = errorMessage(new ApiError(409, `English detail for ${code}`, {}, {}, code), t);
        expect(text, `${language} ${code}`).not.toContain('English detail');
        expect(text).toBe(t(`errors.codes.${code}`));
      }
    }
    expect(errorMessage(new ApiError(409, 'Interview 5 is not open before 09:00', {}, {}, 'not_open_yet'), t)).toBe('아직 열리지 않은 면접입니다. 열리는 시간에 다시 와 주세요.');
  });

  it('falls back to the API’s detail only for a code it does not know (or none)', () => {
    expect(errorMessage(new ApiError(409, 'A brand new refusal', {}, {}, 'something_new'), t)).toBe('This cannot be done in the current state: A brand new refusal');
    expect(errorMessage(new ApiError(500, 'Boom'), t)).toBe('Something went wrong: Boom');
    expect(errorMessage(new ApiError(0, 'network', {}, {}, 'not_found'), t)).toBe('The server could not be reached. Check your connection and try again.');
    expect(untranslatedDetail(new ApiError(409, 'Withdrawn by the organization', {}, {}, 'conflict'))).toBeUndefined();
    expect(untranslatedDetail(new ApiError(409, 'Withdrawn by the organization'))).toBe('Withdrawn by the organization');
  });

  it('the ErrorMessage shown everywhere uses the translation, and follows a change of language', async () => {
    render(<ErrorMessage error={new ApiError(403, 'Daily limit of 5 practice interviews reached', {}, {}, 'daily_limit')} />);
    expect(screen.getByRole('alert').textContent).toBe('You have reached today’s limit. Try again tomorrow.');
    await act(() => i18n.changeLanguage('ko'));
    expect(screen.getByRole('alert').textContent).toBe('오늘 할 수 있는 한도에 도달했습니다. 내일 다시 시도하세요.');
  });
});
