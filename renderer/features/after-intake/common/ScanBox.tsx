// A scanner-ready input: keeps the focus (keyboard-wedge scanners type into whatever is
// focused and end with Enter), flashes green/amber/red after each scan, and is disabled while
// a blocking dialog is open so no scan is lost behind it.
import { Input, type InputRef } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { beep, type Feedback } from './feedback.ts';

export interface ScanBoxProps {
  readonly placeholder: string;
  /** Handles one scan; returns how it went (for the beep and the flash). */
  readonly onScan: (code: string) => Promise<Feedback> | Feedback;
  readonly disabled?: boolean;
  readonly testId?: string;
}

const FLASH: Record<Feedback, string> = { ok: '#d9f7be', notice: '#fff1b8', error: '#ffccc7' };

export function ScanBox({
  placeholder,
  onScan,
  disabled = false,
  testId = 'scan-input',
}: ScanBoxProps) {
  const ref = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [flash, setFlash] = useState<Feedback | null>(null);
  // Scans are handled one after another, in order: a fast scanner may send the next code
  // while the last one is still being saved, and no scan may be lost or overtake another.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!disabled) ref.current?.focus();
  }, [disabled]);

  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => setFlash(null), 600);
    return () => clearTimeout(timer);
  }, [flash]);

  const submit = () => {
    const code = value.trim();
    setValue('');
    if (code === '') return;
    queue.current = queue.current.then(async () => {
      try {
        const result = await handler.current(code);
        beep(result);
        setFlash(result);
      } catch {
        beep('error');
        setFlash('error');
      }
    });
  };

  return (
    <Input
      ref={ref}
      size="large"
      value={value}
      disabled={disabled}
      prefix={<ScanOutlined />}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      data-testid={testId}
      data-flash={flash ?? ''}
      style={{
        fontSize: 20,
        transition: 'background 0.2s',
        background: flash ? FLASH[flash] : undefined,
      }}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={submit}
      // Clicking a blank spot or a button must not leave the scanner typing into nothing;
      // moving to another field on purpose is fine.
      onBlur={(e) => {
        const next = e.relatedTarget;
        const typing =
          next instanceof HTMLElement &&
          next.matches('input, textarea, select, [contenteditable="true"]');
        if (!disabled && !typing) setTimeout(() => ref.current?.focus({ preventScroll: true }), 0);
      }}
    />
  );
}
