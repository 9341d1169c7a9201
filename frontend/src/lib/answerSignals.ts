// What is measured while a typed answer is written, sent with it for reviewers to read as flags
// (pasted, left the window, typed implausibly fast); never a score. Only what was measured is sent:
// nothing measured, no signals; an answer (partly) spoken, no signals; a draft put back after a
// reload, no typing time (its first keystroke was before the reload). No I/O.
import { useEffect, useState } from 'react';
import type { components } from '../api/schema';

export type AnswerSignals = components['schemas']['AnswerSignalsBody'];

export class AnswerSignalsMeter {
  private readonly now: () => number;
  private restored: boolean;
  private firstInputAt: number | null = null;
  private keystrokes = 0;
  private pastedChars = 0;
  private pasteEvents = 0;
  private blurEvents = 0;
  private blurMs = 0;
  private awaySince: number | null = null;
  private spoken = false;

  /** `restored`: the answer box opened with a draft kept from before a reload. */
  constructor({ restored = false, now = () => Date.now() }: { restored?: boolean; now?: () => number } = {}) {
    this.restored = restored;
    this.now = now;
  }

  /** Whether an answer is being written: typing began, or a draft was put back. */
  get inProgress(): boolean {
    return this.firstInputAt !== null || this.restored;
  }

  private begin() {
    if (this.firstInputAt === null) this.firstInputAt = this.now();
  }

  /** A key pressed in the answer box. */
  keystroke() {
    this.begin();
    this.keystrokes += 1;
  }

  /** Text entered in the answer box other than by a key (an input method, for one). */
  input() {
    this.begin();
  }

  pasted(text: string) {
    this.begin();
    this.pastedChars += text.length;
    this.pasteEvents += 1;
  }

  /** Speech joined the answer: it is no longer a typed answer, and sends no signals. */
  spokenWords() {
    this.spoken = true;
  }

  /** The window or tab was left (hidden, or lost focus); both at once count once. */
  left() {
    if (!this.inProgress || this.awaySince !== null) return;
    this.awaySince = this.now();
    this.blurEvents += 1;
  }

  /** Back in the window (visible, or focused again). */
  back() {
    if (this.awaySince === null) return;
    this.blurMs += Math.max(0, this.now() - this.awaySince);
    this.awaySince = null;
  }

  /** What to send with the answer now; undefined: nothing measured (or a spoken answer). */
  signals(): AnswerSignals | undefined {
    if (this.spoken || (this.firstInputAt === null && this.blurEvents === 0)) return undefined;
    const at = this.now();
    const away = this.awaySince !== null ? Math.max(0, at - this.awaySince) : 0;
    return {
      ...(this.firstInputAt !== null && !this.restored ? { typing_ms: Math.round(Math.max(0, at - this.firstInputAt)) } : {}),
      keystrokes: this.keystrokes,
      pasted_chars: this.pastedChars,
      paste_events: this.pasteEvents,
      blur_events: this.blurEvents,
      blur_ms: Math.round(this.blurMs + away),
    };
  }

  /** The answer was sent: the next one starts from zero. */
  reset() {
    this.restored = false;
    this.firstInputAt = null;
    this.keystrokes = 0;
    this.pastedChars = 0;
    this.pasteEvents = 0;
    this.blurEvents = 0;
    this.blurMs = 0;
    this.awaySince = null;
    this.spoken = false;
  }
}

/** A meter for the answer box's life, told when the window or tab is left and come back to. */
export function useAnswerSignals(options: { restored?: boolean; now?: () => number } = {}): AnswerSignalsMeter {
  const [meter] = useState(() => new AnswerSignalsMeter(options));
  useEffect(() => {
    const onVisibility = () => (document.visibilityState === 'hidden' ? meter.left() : meter.back());
    const onBlur = () => meter.left();
    const onFocus = () => meter.back();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
    };
  }, [meter]);
  return meter;
}
