// Asks for the reason an action needs (reprint, void, discard); the reason is recorded.
import { Alert, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ReasonDialog({
  open,
  title,
  note,
  danger,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  note?: string;
  danger?: boolean;
  onCancel: () => void;
  /** Resolves with an error text to keep the dialog open, or null when done. */
  onSubmit: (reason: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: danger ?? false, disabled: reason.trim() === '', loading: busy }}
      destroyOnHidden
      onCancel={() => {
        setReason('');
        setError(null);
        onCancel();
      }}
      onOk={async () => {
        setBusy(true);
        const problem = await onSubmit(reason.trim());
        setBusy(false);
        setError(problem);
        if (!problem) setReason('');
      }}
    >
      {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
      <Input.TextArea
        value={reason}
        rows={3}
        maxLength={200}
        autoFocus
        placeholder={t('common.reasonPlaceholder')}
        data-testid="reason-input"
        onChange={(e) => setReason(e.target.value)}
      />
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
    </Modal>
  );
}
