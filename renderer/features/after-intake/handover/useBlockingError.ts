// A blocked scan stops the line: a modal that Enter (the scanner's last key) cannot dismiss,
// so the clerk has to take the pieces out and click.
import { App } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import type { WaypostError } from '../../../../shared/result.ts';
import { useAfterIntakeText } from '../i18n/index.ts';

// A variable, not a literal: data-* attributes pass through to the button element. Enter and
// Space do nothing on it — a scanner ends every code with Enter, and the next item's scan
// must not dismiss the warning about this one; only a deliberate click (or tap) does.
const OK_BUTTON = {
  danger: true,
  size: 'large' as const,
  'data-testid': 'scan-error-ok',
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' || e.key === ' ') e.preventDefault();
  },
};

export function useBlockingError() {
  const { modal } = App.useApp();
  const { m, lang } = useAfterIntakeText();
  const [blocked, setBlocked] = useState(false);
  const show = (error: WaypostError) => {
    setBlocked(true);
    // Opened after the scanner's Enter has been fully dispatched, and with no button focused:
    // otherwise that same Enter would "click" OK and the warning would flash by unseen.
    setTimeout(() => {
      modal.error({
        title:
          error.code === 'HANDOVER_MISMATCH' ? m.handover.mismatchTitle : m.handover.errorTitle,
        content: `${lang === 'en' ? error.messageEn : error.message}（${error.code}）`,
        okText: m.handover.putAside,
        // The deprecated prop on purpose: antd 6.6 reads `focusable.autoFocusButton: null` as
        // "unset" and focuses OK anyway.
        autoFocusButton: null,
        keyboard: false,
        width: 560,
        okButtonProps: OK_BUTTON,
        onOk: () => setBlocked(false),
      });
    }, 0);
  };
  return { blocked, show };
}
