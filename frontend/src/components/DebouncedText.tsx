import { useEffect, useRef, useState } from 'react';
import { TextInput } from './Field';

/** A text filter that updates the URL once the user pauses typing. */
export function DebouncedText({ label, hint, name, value, onCommit }: { label: string; hint?: string; name: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => commit.current(text), 350);
    return () => clearTimeout(timer);
  }, [text, value]);
  return <TextInput label={label} hint={hint} name={name} type="search" value={text} onChange={(e) => setText(e.target.value)} />;
}
