// Adding a printer to this device (installers, supervisors): where it is, how it speaks,
// which labels it prints.
import { Alert, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_KINDS, type LabelKind, type PrinterConfig } from '../../../shared/printing/types.ts';
import { call } from '../../app/data/host.ts';
import { errorMessage } from '../../i18n/index.ts';

const WIDTHS: Record<LabelKind, number> = {
  ems100x150: 100,
  ems76x130: 76,
  receipt80: 80,
  manifest80: 80,
  slip80: 80,
};

export function AddPrinter({ onAdded }: { onAdded: (printer: PrinterConfig) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [uri, setUri] = useState('tcp://');
  const [driver, setDriver] = useState<'escpos' | 'tspl'>('escpos');
  const [kinds, setKinds] = useState<LabelKind[]>(['receipt80', 'slip80']);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const widthMm = Math.max(...kinds.map((k) => WIDTHS[k]), 0);
    const result = await call((h) =>
      h.printers.save({
        id: `p-${Date.now().toString(36)}`,
        name: name.trim(),
        uri: uri.trim(),
        driver,
        dpi: 203,
        widthMm: widthMm || 80,
        labelKinds: kinds,
      }),
    );
    if (!result.ok) return setError(errorMessage(result.error));
    setOpen(false);
    setError(null);
    onAdded(result.value);
  };

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-printer">
        {t('settings.addPrinter')}
      </Button>
      <Modal
        open={open}
        title={t('settings.addPrinter')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        okButtonProps={{ disabled: !name.trim() || kinds.length === 0 }}
      >
        <Form layout="vertical">
          <Form.Item label={t('settings.printerName')} required>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="printer-name"
            />
          </Form.Item>
          <Form.Item label={t('settings.printerUri')} required extra={t('settings.printerUriHint')}>
            <Input
              className="wp-mono"
              value={uri}
              onChange={(e) => setUri(e.target.value)}
              data-testid="printer-uri"
            />
          </Form.Item>
          <Form.Item label={t('settings.printerDriver')}>
            <Select
              value={driver}
              onChange={setDriver}
              data-testid="printer-driver"
              options={[
                { value: 'escpos', label: t('settings.driverEscpos') },
                { value: 'tspl', label: t('settings.driverTspl') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('settings.printerKinds')} required>
            <Checkbox.Group
              value={kinds}
              onChange={(v) => setKinds(v)}
              options={LABEL_KINDS.map((k) => ({ value: k, label: t(`settings.labelKind.${k}`) }))}
            />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
