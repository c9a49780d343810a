// Raise a work order from an item: by its id (from a list) or by typing/scanning its
// acceptance or waybill number. Shows the one-working-day deadline once raised.
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import {
  WORK_ORDER_KINDS,
  WORK_ORDER_KIND_LIST,
  type WorkOrderKind,
} from '../../../../shared/work-orders/index.ts';
import { dueDisplay } from '../../../../shared/promises/index.ts';
import { useSession } from '../../../stores/session.ts';
import { now } from '../data/context.ts';
import { findItem, raise } from '../data/work-orders.ts';
import { fmt, useAfterIntakeText } from '../i18n/index.ts';

export interface RaiseWorkOrderModalProps {
  readonly open: boolean;
  readonly onClose: (raised: boolean) => void;
  /** Raise for this item; otherwise the form asks for its number. */
  readonly applicationId?: string;
  readonly acceptanceNo?: string;
  readonly kind?: WorkOrderKind;
}

export function RaiseWorkOrderModal({
  open,
  onClose,
  applicationId,
  acceptanceNo,
  kind = 'complaint',
}: RaiseWorkOrderModalProps) {
  const { m, pick, lang } = useAfterIntakeText();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const [form] = Form.useForm<{ code: string; kind: WorkOrderKind; note: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) form.setFieldsValue({ kind, code: '', note: '' });
  }, [open, kind, form]);

  const submit = async () => {
    if (!session) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      let id = applicationId;
      if (!id) {
        const item = await findItem(values.code);
        if (!item.ok) {
          form.setFields([{ name: 'code', errors: [m.workOrders.itemNotFound] }]);
          return;
        }
        id = item.value.id;
      }
      const order = await raise({
        applicationId: id,
        kind: values.kind,
        note: values.note,
        session,
      });
      if (!order.ok) {
        void message.error(lang === 'en' ? order.error.messageEn : order.error.message);
        return;
      }
      const due = dueDisplay(order.value.deadlineAt, now());
      void message.success(fmt(m.workOrders.raised, { deadline: due.at }));
      form.resetFields();
      onClose(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={acceptanceNo ? `${m.workOrders.newOrder} · ${acceptanceNo}` : m.workOrders.newOrder}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind, code: '', note: '' }}
        preserve={false}
      >
        {!applicationId && (
          <Form.Item
            name="code"
            label={m.workOrders.item}
            rules={[{ required: true, whitespace: true, message: m.workOrders.item }]}
          >
            <Input autoFocus data-testid="work-order-item" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={m.workOrders.kind}>
          <Select
            data-testid="work-order-kind"
            options={WORK_ORDER_KIND_LIST.map((k) => ({
              value: k,
              label: pick(WORK_ORDER_KINDS[k]),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={m.workOrders.note}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="work-order-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
