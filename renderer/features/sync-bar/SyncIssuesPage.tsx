// 同步问题: every record the server refused, with its reason, never dropped silently. A clerk
// fixes the named field and resubmits; only a supervisor or admin may discard (audited).
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncedCollection } from '../../../shared/sync/collections.ts';
import { isSyncedCollection } from '../../../shared/sync/collections.ts';
import { loadIssueDocument, fieldValue, withFieldValue } from '../../app/data/issues.ts';
import { formatDateTime } from '../../app/format.ts';
import { can } from '../../app/roles.ts';
import { errorMessage } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { useSyncStatus, type SyncIssueView } from '../../stores/sync-status.ts';
import { ReasonDialog } from '../records/ReasonDialog.tsx';

const FIELD_KEYS = [
  'waybillNo',
  'acceptanceNo',
  'businessCode',
  'applicant.name',
  'applicant.idNumber',
  'applicant.mobile',
  'recipient.name',
  'recipient.mobile',
  'recipient.address.divisionCode',
  'recipient.address.detail',
  'plate',
  'plateType',
  'vin',
  'engineNo',
  'numberBlockId',
] as const;

/** The server names fields by JSON path (`/applicant/mobile`); the clerk reads their names. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (path: string) => {
    const key = path.replace(/^[/$.]+/, '').replaceAll('/', '.');
    const known = FIELD_KEYS.find((k) => k === key);
    return known ? t(`fields.${known}`) : t('fields.other');
  };
}

function IssueEditor({ issue, onClose }: { issue: SyncIssueView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const retry = useSyncStatus((s) => s.retryIssue);
  const fieldLabel = useFieldLabel();
  const [doc, setDoc] = useState<Record<string, unknown> | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  if (!loaded) {
    setLoaded(true);
    void loadIssueDocument(issue.id).then((d) => {
      setDoc(d);
      if (d && issue.field) setValue(String(fieldValue(d, issue.field) ?? ''));
    });
  }
  const submit = async () => {
    if (!doc) return;
    const edited = issue.field ? withFieldValue(doc, issue.field, value) : doc;
    const result = await retry(issue.id, edited);
    if (!result.ok) return setError(errorMessage(result.error));
    void message.success(t('sync.retryOk'));
    onClose();
  };
  return (
    <Modal
      open
      title={t('sync.editRetry')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sync.editRetry')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(issue)} />
      {issue.field ? (
        <Form layout="vertical">
          <Form.Item label={fieldLabel(issue.field)}>
            <Input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoFocus
              data-testid="issue-field"
            />
          </Form.Item>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary">{t('sync.issuesIntro')}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export function SyncIssuesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const issues = useSyncStatus((s) => s.issues);
  const discard = useSyncStatus((s) => s.discardIssue);
  const [editing, setEditing] = useState<SyncIssueView | null>(null);
  const [discarding, setDiscarding] = useState<SyncIssueView | null>(null);
  const fieldLabel = useFieldLabel();
  const collectionName = (name: string) =>
    isSyncedCollection(name) ? t(`sync.collections.${name satisfies SyncedCollection}`) : name;

  return (
    <Card title={t('sync.issuesTitle')} data-testid="sync-issues-page">
      <Typography.Paragraph type="secondary">{t('sync.issuesIntro')}</Typography.Paragraph>
      {issues.length === 0 ? (
        <Empty description={t('sync.noIssues')} />
      ) : (
        <List
          dataSource={issues}
          renderItem={(issue) => (
            <List.Item
              actions={[
                <Button key="edit" type="primary" onClick={() => setEditing(issue)}>
                  {t('sync.editRetry')}
                </Button>,
                ...(session && can(session.role, 'discardSyncIssue')
                  ? [
                      <Button key="discard" danger onClick={() => setDiscarding(issue)}>
                        {t('sync.discard')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <Tag>{collectionName(issue.collectionName)}</Tag>
                    <Typography.Text type="danger">{errorMessage(issue)}</Typography.Text>
                    {issue.state === 'retrying' && (
                      <Tag color="processing">{t('sync.syncing')}</Tag>
                    )}
                  </Space>
                }
                description={
                  <Space size={16}>
                    <span>{formatDateTime(issue.rejectedAt)}</span>
                    <span className="wp-mono">{issue.code}</span>
                    {issue.field && <span>{fieldLabel(issue.field)}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {editing && <IssueEditor issue={editing} onClose={() => setEditing(null)} />}
      <ReasonDialog
        open={discarding !== null}
        danger
        title={t('sync.discard')}
        note={t('sync.discardConfirm')}
        onCancel={() => setDiscarding(null)}
        onSubmit={async (reason) => {
          if (!discarding || !session) return null;
          const result = await discard(
            discarding.id,
            { staffId: session.staffId, role: session.role, stationId: session.stationId },
            reason,
          );
          if (!result.ok) return errorMessage(result.error);
          setDiscarding(null);
          void message.success(t('common.confirm'));
          return null;
        }}
      />
    </Card>
  );
}
