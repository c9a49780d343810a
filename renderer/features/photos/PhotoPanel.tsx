// The intake's photo column: the applicant portrait (take, retake, or reuse an earlier accepted
// one — 一照通用) and the scanned document pages.
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { CameraOutlined, FileImageOutlined, HistoryOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findBusiness, PHOTO_SPECS } from '../../../shared/catalogue/index.ts';
import { useHotkeys } from '../../app/hotkeys.ts';
import { findEarlierPortrait } from '../../app/data/media.ts';
import { formatDate } from '../../app/format.ts';
import { errorMessage } from '../../i18n/index.ts';
import { parsePersonId } from '../intake/validate.ts';
import { useIntake } from '../intake/store.ts';
import { DocumentScan, useObjectUrls } from './DocumentScan.tsx';
import { PortraitCapture } from './PortraitCapture.tsx';

export function PhotoPanel() {
  const { t } = useTranslation();
  const businessCode = useIntake((s) => s.draft.businessCode);
  const portrait = useIntake((s) => s.draft.portrait);
  const documents = useIntake((s) => s.draft.documents);
  const update = useIntake((s) => s.update);
  const portraitError = useIntake((s) => s.errors.portrait);
  const [camera, setCamera] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [reuseNote, setReuseNote] = useState<string | null>(null);
  const business = findBusiness(businessCode);
  const specCode = business.ok ? business.value.photoSpec : null;
  const spec = specCode ? PHOTO_SPECS[specCode] : null;
  const portraits = useMemo(() => (portrait ? [portrait] : []), [portrait]);
  const urls = useObjectUrls(portraits);
  useHotkeys({ F8: () => spec && setCamera(true) }, !camera && !scanning);

  const reuse = async () => {
    const id = parsePersonId(
      useIntake.getState().draft.applicant.idNumber,
      'applicant.idNumber',
      new Date(),
    );
    if (!id.ok || !specCode) {
      setReuseNote(t('photo.reuseNeedsId'));
      return;
    }
    const earlier = await findEarlierPortrait(id.value.idNumber, specCode);
    if (!earlier) {
      setReuseNote(t('photo.reuseNone'));
      return;
    }
    setReuseNote(t('photo.reused', { date: formatDate(earlier.takenAt) }));
    update('portrait', (d) => (d.portrait = earlier.image));
  };

  return (
    <>
      <Card
        size="small"
        title={t('intake.sectionPhoto')}
        extra={spec ? <Typography.Text type="secondary">{spec.nameZh}</Typography.Text> : null}
        data-field="portrait"
      >
        {!spec ? (
          <Typography.Text type="secondary">{t('intake.noPhotoNeeded')}</Typography.Text>
        ) : (
          <Space align="start" size={12}>
            <div
              style={{
                width: 120,
                height: 148,
                border: `1px ${portrait ? 'solid' : 'dashed'} ${portraitError ? '#ff4d4f' : '#d9d9d9'}`,
                borderRadius: 4,
                display: 'grid',
                placeItems: 'center',
                background: '#fafafa',
                overflow: 'hidden',
              }}
            >
              {portrait ? (
                <img
                  src={urls.get(portrait.localId)}
                  alt=""
                  data-testid="portrait-thumb"
                  style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                />
              ) : (
                <Typography.Text type="secondary">{t('photo.empty')}</Typography.Text>
              )}
            </div>
            <Space direction="vertical" size={8}>
              <Button
                type="primary"
                icon={<CameraOutlined />}
                onClick={() => setCamera(true)}
                data-testid="take-photo"
              >
                {portrait ? t('photo.retake') : t('photo.take')}
                <span className="wp-kbd">F8</span>
              </Button>
              <Button
                icon={<HistoryOutlined />}
                onClick={() => void reuse()}
                data-testid="reuse-photo"
              >
                {t('photo.reuse')}
              </Button>
              {portrait && (
                <Tag color="green">
                  {portrait.widthPx}×{portrait.heightPx} ·{' '}
                  {(portrait.bytes.length / 1024).toFixed(1)} KB
                </Tag>
              )}
            </Space>
          </Space>
        )}
        {reuseNote && (
          <Typography.Paragraph
            type="secondary"
            style={{ margin: '8px 0 0' }}
            data-testid="reuse-note"
          >
            {reuseNote}
          </Typography.Paragraph>
        )}
        {portraitError && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            title={<span data-testid="error-portrait">{errorMessage(portraitError)}</span>}
          />
        )}
      </Card>
      <Card size="small" title={t('intake.sectionDocuments')} style={{ marginTop: 12 }}>
        <Space>
          <Button
            icon={<FileImageOutlined />}
            onClick={() => setScanning(true)}
            data-testid="scan-documents"
          >
            {t('photo.scanPage')}
          </Button>
          <Typography.Text type="secondary">
            {t('photo.pages', { count: documents.length })}
          </Typography.Text>
        </Space>
      </Card>
      {spec && (
        <PortraitCapture
          open={camera}
          spec={spec}
          onClose={() => setCamera(false)}
          onAccept={(image) => {
            update('portrait', (d) => (d.portrait = image));
            setReuseNote(null);
            setCamera(false);
          }}
        />
      )}
      <DocumentScan
        open={scanning}
        pages={documents}
        onClose={() => setScanning(false)}
        onChange={(pages) => update('documents', (d) => (d.documents = pages))}
      />
    </>
  );
}
