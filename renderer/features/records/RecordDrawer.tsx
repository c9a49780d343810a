// One intake in full: masked personal data (the ID number revealed only on an explicit,
// audited click by a permitted role), progress timeline, photos, print ledger, and the
// audited actions (reprint, void, edit the recipient, print what is missing).
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Image,
  Input,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EditOutlined, EyeOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskAddress, maskName, maskPhone } from '../../../shared/privacy/index.ts';
import {
  editRecipient,
  loadRecord,
  printMissing,
  reprintReceipt,
  reprintWaybill,
  revealIdNumber,
  voidWaybill,
  type RecordDetail,
} from '../../app/data/records.ts';
import { formatDateTime, formatYuan } from '../../app/format.ts';
import { businessName, statusEventName, statusName } from '../../app/labels.ts';
import { can } from '../../app/roles.ts';
import { staffName } from '../../app/data/staff-names.ts';
import { errorMessage } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { ReasonDialog } from './ReasonDialog.tsx';

type Dialog = 'reprintWaybill' | 'reprintReceipt' | 'void' | null;

export function RecordDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const session = useSession((s) => s.session);
  const [detail, setDetail] = useState<RecordDetail | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState(false);
  const [edit, setEdit] = useState({ mobile: '', detail: '' });
  const [editError, setEditError] = useState<string | null>(null);

  const reload = async (recordId: string) => {
    const loaded = await loadRecord(recordId);
    setDetail(loaded.ok ? loaded.value : null);
  };

  useEffect(() => {
    setDetail(null);
    setRevealed(null);
    setEditing(false);
    if (id) void reload(id);
  }, [id]);
  useEffect(
    () => () => detail?.images.forEach((img) => img.url && URL.revokeObjectURL(img.url)),
    [detail],
  );

  if (!session) return null;
  const app = detail?.application;
  const waybill = detail?.waybills.find((w) => w.state !== 'voided') ?? null;

  const reveal = async () => {
    if (!id) return;
    const result = await revealIdNumber(id, session);
    if (result.ok) setRevealed(result.value);
    else void message.error(errorMessage(result.error));
  };

  const runAction = async (
    action: (
      reason: string,
    ) => Promise<{ ok: boolean; error?: { message: string; messageEn: string } }>,
    reason: string,
  ) => {
    const result = await action(reason);
    if (!result.ok && result.error) return errorMessage(result.error);
    setDialog(null);
    if (id) await reload(id);
    onChanged();
    return null;
  };

  const timelineLabel = (entry: RecordDetail['timeline'][number]) => {
    if (entry.kind === 'status') return statusEventName(entry.type);
    if (entry.kind === 'print') {
      const action =
        entry.type === 'reprint' ? 'reprint' : entry.type === 'void' ? 'void' : 'print';
      const what =
        entry.label === 'waybill' ? 'Waybill' : entry.label === 'receipt' ? 'Receipt' : '';
      return what ? t(`event.${action}${what}`) : t(`event.${action}`);
    }
    const known = ['reveal_id_number', 'void_waybill', 'edit', 'discard_issue'] as const;
    const key = known.find((k) => k === entry.type) ?? 'other';
    return t(`audit.${key}`);
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={app ? `${t('records.detail')} · ${app.acceptanceNo}` : t('records.detail')}
      destroyOnHidden
      data-testid="record-drawer"
      extra={
        app && (
          <Space wrap>
            {waybill?.state === 'printed' && (
              <Button
                icon={<PrinterOutlined />}
                onClick={() => setDialog('reprintWaybill')}
                data-testid="reprint-waybill"
              >
                {t('records.reprintWaybill')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => setDialog('reprintReceipt')}>
              {t('records.reprintReceipt')}
            </Button>
            {waybill && can(session.role, 'voidWaybill') && (
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setDialog('void')}
                data-testid="void-waybill"
              >
                {t('records.void')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!app ? null : (
        <>
          {app.delivery.method === 'mail' && !waybill && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('records.waybillState.pending_print')}
              action={
                <Button
                  size="small"
                  onClick={async () => {
                    await printMissing(app.id, session);
                    await reload(app.id);
                    onChanged();
                  }}
                >
                  {t('records.printPending')}
                </Button>
              }
            />
          )}
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              {
                key: 'b',
                label: t('records.business'),
                children: businessName(app.businessCode),
                span: 2,
              },
              {
                key: 'a',
                label: t('records.acceptedAt'),
                children: formatDateTime(app.acceptedAt),
              },
              {
                key: 's',
                label: t('records.status'),
                children: <Tag>{statusName(app.status)}</Tag>,
              },
              { key: 'n', label: t('records.applicant'), children: app.display.applicantName },
              {
                key: 'i',
                label: t('records.idNumber'),
                children: (
                  <Space>
                    <span className="wp-mono" data-testid="record-id-number">
                      {revealed ?? app.display.idNumber}
                    </span>
                    {!revealed && can(session.role, 'revealIdNumber') && (
                      <Button
                        size="small"
                        icon={<EyeOutlined />}
                        data-testid="reveal-id"
                        onClick={() =>
                          // Explicit confirmation: each reveal is written to the audit log.
                          modal.confirm({
                            title: t('records.reveal'),
                            content: t('records.revealConfirm'),
                            okText: t('common.confirm'),
                            cancelText: t('common.cancel'),
                            onOk: reveal,
                          })
                        }
                      >
                        {t('records.reveal')}
                      </Button>
                    )}
                  </Space>
                ),
              },
              {
                key: 'd',
                label: t('records.delivery'),
                children: t(`delivery.${app.delivery.method === 'collect' ? 'collect' : 'mail'}`),
              },
              {
                key: 'w',
                label: t('records.waybill'),
                children: waybill ? (
                  <Space>
                    <span className="wp-mono">{waybill.waybillNo}</span>
                    <Tag>{t(`records.waybillState.${waybill.state}`)}</Tag>
                  </Space>
                ) : (
                  '—'
                ),
              },
              ...(app.recipient
                ? [
                    {
                      key: 'r',
                      label: t('records.recipient'),
                      children: `${maskName(app.recipient.name)} ${maskPhone(app.recipient.mobile)}`,
                    },
                    {
                      key: 'due',
                      label: t('records.dueAt'),
                      children: !detail.promise.applies
                        ? '—'
                        : detail.promise.dueAt !== null
                          ? formatDateTime(detail.promise.dueAt)
                          : t('records.dueNotStarted'),
                    },
                    {
                      key: 'addr',
                      label: t('records.address'),
                      span: 2,
                      children: maskAddress(app.recipient.address),
                    },
                  ]
                : []),
              ...(app.fee
                ? [
                    {
                      key: 'f',
                      label: t('records.fee'),
                      children: `${formatYuan(app.fee.amountFen)} · ${t(`payment.${app.fee.payment}`)}`,
                    },
                  ]
                : []),
              { key: 'c', label: t('records.clerk'), children: staffName(app.clerkId) },
              ...(detail?.vehicle
                ? [
                    {
                      key: 'v',
                      label: t('vehicle.plate'),
                      span: 2,
                      children: `${detail.vehicle.plate} · ${detail.vehicle.vin}`,
                    },
                  ]
                : []),
            ]}
          />
          {app.recipient && can(session.role, 'editRecord') && (
            <div style={{ marginTop: 12 }}>
              {!editing ? (
                <Button
                  icon={<EditOutlined />}
                  onClick={() => {
                    setEdit({
                      mobile: app.recipient?.mobile ?? '',
                      detail: app.recipient?.address.detail ?? '',
                    });
                    setEditing(true);
                    setEditError(null);
                  }}
                >
                  {t('records.edit')}
                </Button>
              ) : (
                <Form layout="inline" style={{ rowGap: 8 }}>
                  <Form.Item label={t('intake.recipientMobile')}>
                    <Input
                      className="wp-mono"
                      style={{ width: 150 }}
                      value={edit.mobile}
                      onChange={(e) => setEdit({ ...edit, mobile: e.target.value })}
                    />
                  </Form.Item>
                  <Form.Item label={t('intake.detail')}>
                    <Input
                      style={{ width: 260 }}
                      value={edit.detail}
                      onChange={(e) => setEdit({ ...edit, detail: e.target.value })}
                    />
                  </Form.Item>
                  <Space>
                    <Button
                      type="primary"
                      onClick={async () => {
                        const result = await editRecipient(app.id, edit, session);
                        if (!result.ok) return setEditError(errorMessage(result.error));
                        setEditing(false);
                        void message.success(t('records.editSaved'));
                        await reload(app.id);
                        onChanged();
                      }}
                    >
                      {t('common.save')}
                    </Button>
                    <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
                  </Space>
                  {editError && <Typography.Text type="danger">{editError}</Typography.Text>}
                </Form>
              )}
            </div>
          )}
          <Tabs
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'timeline',
                label: t('records.timeline'),
                children: (
                  <Timeline
                    items={(detail?.timeline ?? []).map((entry) => ({
                      key: entry.id,
                      color:
                        entry.kind === 'status'
                          ? 'green'
                          : entry.kind === 'print'
                            ? 'blue'
                            : 'gray',
                      content: (
                        <Space direction="vertical" size={0}>
                          <Typography.Text strong>{timelineLabel(entry)}</Typography.Text>
                          <Typography.Text type="secondary">
                            {formatDateTime(entry.at)} · {staffName(entry.staffId)}
                            {entry.reason ? ` · ${t('common.reason')}：${entry.reason}` : ''}
                            {entry.fields ? ` · ${entry.fields.join('、')}` : ''}
                          </Typography.Text>
                        </Space>
                      ),
                    }))}
                  />
                ),
              },
              {
                key: 'photos',
                label: t('records.photos'),
                children: detail?.images.length ? (
                  <Image.PreviewGroup>
                    <Space wrap>
                      {detail.images.map((img) =>
                        img.url ? (
                          <Image key={img.id} src={img.url} height={120} alt="" />
                        ) : (
                          <Tag key={img.id}>{img.kind}</Tag>
                        ),
                      )}
                    </Space>
                  </Image.PreviewGroup>
                ) : (
                  <Empty />
                ),
              },
              {
                key: 'ledger',
                label: t('records.ledger'),
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={detail?.ledger ?? []}
                    columns={[
                      {
                        title: t('records.acceptedAt'),
                        dataIndex: 'at',
                        render: (v: number) => formatDateTime(v),
                      },
                      {
                        title: t('records.labelKey'),
                        dataIndex: 'labelKey',
                        render: (v: string) => {
                          const [kind, ...rest] = v.split(':');
                          const what =
                            kind === 'waybill'
                              ? t('records.waybill')
                              : kind === 'receipt'
                                ? t('records.receiptLabel')
                                : '';
                          return (
                            <span>
                              {what} <span className="wp-mono">{rest.join(':')}</span>
                            </span>
                          );
                        },
                      },
                      {
                        title: t('records.status'),
                        dataIndex: 'action',
                        render: (v: 'print' | 'reprint' | 'void') => t(`records.ledgerKind.${v}`),
                      },
                      { title: t('common.reason'), dataIndex: 'reason' },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      <ReasonDialog
        open={dialog !== null}
        danger={dialog === 'void'}
        title={dialog === 'void' ? t('records.voidReason') : t('records.reprintReason')}
        {...(dialog === 'void' ? { note: t('records.voidConfirm') } : {})}
        onCancel={() => setDialog(null)}
        onSubmit={(reason) =>
          runAction(
            (r) =>
              dialog === 'void'
                ? voidWaybill(id ?? '', r, session)
                : dialog === 'reprintWaybill'
                  ? reprintWaybill(id ?? '', r, session)
                  : reprintReceipt(id ?? '', r, session),
            reason,
          )
        }
      />
    </Drawer>
  );
}
