import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, renderHook } from '@testing-library/react';
import { AnswerSignalsMeter, useAnswerSignals } from './answerSignals';

/** A clock moved by hand. */
function clock(start = 1_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  fireEvent(document, new Event('visibilitychange'));
}

afterEach(() => {
  Reflect.deleteProperty(document, 'visibilityState');
});

describe('AnswerSignalsMeter', () => {
  it('measures nothing until the answer is typed', () => {
    const meter = new AnswerSignalsMeter({ now: clock().now });
    meter.left();
    meter.back();
    expect(meter.signals()).toBeUndefined();
  });

  it('counts keystrokes and the time from the first one to sending; nothing pasted', () => {
    const time = clock();
    const meter = new AnswerSignalsMeter({ now: time.now });
    meter.keystroke();
    time.advance(1_500);
    meter.keystroke();
    meter.keystroke();
    time.advance(500);
    expect(meter.signals()).toEqual({ typing_ms: 2_000, keystrokes: 3, pasted_chars: 0, paste_events: 0, blur_events: 0, blur_ms: 0 });
  });

  it('counts pasted characters and pastes', () => {
    const meter = new AnswerSignalsMeter({ now: clock().now });
    meter.pasted('Copied from somewhere else.');
    meter.pasted('abc');
    expect(meter.signals()).toMatchObject({ keystrokes: 0, pasted_chars: 'Copied from somewhere else.'.length + 3, paste_events: 2 });
  });

  it('counts the window left once even when hidden and blurred together, with the time away', () => {
    const time = clock();
    const meter = new AnswerSignalsMeter({ now: time.now });
    meter.keystroke();
    meter.left();
    meter.left();
    time.advance(4_000);
    meter.back();
    meter.back();
    time.advance(100);
    meter.left();
    time.advance(250);
    // Still away when sent: the time so far counts.
    expect(meter.signals()).toMatchObject({ blur_events: 2, blur_ms: 4_250, typing_ms: 4_350 });
  });

  it('after a reload sends only what came since, and no typing time', () => {
    const time = clock();
    const meter = new AnswerSignalsMeter({ restored: true, now: time.now });
    meter.left();
    time.advance(3_000);
    meter.back();
    meter.keystroke();
    expect(meter.signals()).toEqual({ keystrokes: 1, pasted_chars: 0, paste_events: 0, blur_events: 1, blur_ms: 3_000 });
  });

  it('sends nothing for an answer with spoken words in it', () => {
    const meter = new AnswerSignalsMeter({ now: clock().now });
    meter.keystroke();
    meter.spokenWords();
    expect(meter.signals()).toBeUndefined();
  });

  it('starts the next answer from zero', () => {
    const time = clock();
    const meter = new AnswerSignalsMeter({ restored: true, now: time.now });
    meter.keystroke();
    meter.pasted('pasted');
    meter.left();
    time.advance(1_000);
    meter.reset();
    expect(meter.signals()).toBeUndefined();
    meter.back(); // the return from before the reset adds nothing
    meter.keystroke();
    time.advance(700);
    expect(meter.signals()).toEqual({ typing_ms: 700, keystrokes: 1, pasted_chars: 0, paste_events: 0, blur_events: 0, blur_ms: 0 });
  });
});

describe('useAnswerSignals', () => {
  it('hears the tab hidden then visible, and the window blurred then focused, until unmounted', () => {
    const time = clock();
    const { result, unmount } = renderHook(() => useAnswerSignals({ now: time.now }));
    const meter = result.current;
    meter.keystroke();
    act(() => setVisibility('hidden'));
    time.advance(2_000);
    act(() => setVisibility('visible'));
    act(() => void fireEvent.blur(window));
    time.advance(500);
    act(() => void fireEvent.focus(window));
    expect(meter.signals()).toMatchObject({ blur_events: 2, blur_ms: 2_500 });
    unmount();
    fireEvent.blur(window);
    time.advance(10_000);
    fireEvent.focus(window);
    expect(meter.signals()).toMatchObject({ blur_events: 2, blur_ms: 2_500 });
  });
});
