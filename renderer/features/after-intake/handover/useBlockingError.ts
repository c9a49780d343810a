// A blocked scan stops the line: a modal that Enter (the scanner's last key) cannot dismiss,
// so the clerk has to take the pieces out and click.
import { App } from 'antd';
import { useState } from 'react';
import type { WaypostError } from '../../../../shared/result.ts';
import { useAfterIntakeText } from '../i18n/index.ts';

// A variable, not a literal: data-* attributes pass through to the button element.
const OK_BUTTON = { danger: true, size: 'large' as const, 'data-testid': 'scan-error-ok' };

export function useBlockingError() {
  const { modal } = App.useApp();
  const { m, lang } = useAfterIntakeText();
  const [blocked, setBlocked] = useState(false);
  const show = (error: WaypostError) => {
    setBlocked(true);
    modal.error({
      title: error.code === 'HANDOVER_MISMATCH' ? m.handover.mismatchTitle : m.handover.errorTitle,
      content: `${lang === 'en' ? error.messageEn : error.message}（${error.code}）`,
      okText: m.handover.putAside,
      focusable: { autoFocusButton: null },
      keyboard: false,
      width: 560,
      okButtonProps: OK_BUTTON,
      onOk: () => setBlocked(false),
    });
  };
  return { blocked, show };
}
