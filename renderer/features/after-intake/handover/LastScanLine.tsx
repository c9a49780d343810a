// The outcome of the last scan, in one line under the scan box (toasts would pile up over the
// box at scanner speed and hide it).
import { Typography } from 'antd';

export interface LastScan {
  readonly tone: 'success' | 'warning' | 'danger';
  readonly text: string;
}

export function LastScanLine({ scan }: { readonly scan: LastScan | null }) {
  return (
    <Typography.Text
      type={scan?.tone}
      strong
      data-testid="last-scan"
      data-tone={scan?.tone ?? ''}
      style={{ fontSize: 16, minHeight: 24, display: 'block' }}
    >
      {scan?.text ?? '\u00a0'}
    </Typography.Text>
  );
}
