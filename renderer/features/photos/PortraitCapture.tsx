// Portrait capture: live preview with the face guide, capture, crop to the spec, white
// background and file-size checks, retake or accept.
import { Button, Col, Descriptions, Modal, Row, Space, Tag, Typography } from 'antd';
import { CameraOutlined, CheckOutlined, RedoOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoSpec } from '../../../shared/catalogue/index.ts';
import { CameraView } from './CameraView.tsx';
import { guideRect } from './image-math.ts';
import { GUIDE_FILL, grabFrame, processPortrait, type PortraitResult } from './process.ts';
import { useCamera } from './useCamera.ts';
import type { CapturedImage } from '../intake/draft.ts';

function FaceGuide({ w, h, spec }: { w: number; h: number; spec: PhotoSpec }) {
  const r = guideRect(w, h, spec.widthPx, spec.heightPx, GUIDE_FILL);
  const stroke = Math.max(2, w / 400);
  return (
    <g fill="none" stroke="#52c41a" strokeWidth={stroke}>
      <rect
        x={r.x}
        y={r.y}
        width={r.width}
        height={r.height}
        strokeDasharray={`${stroke * 6} ${stroke * 4}`}
      />
      <ellipse
        cx={r.x + r.width / 2}
        cy={r.y + r.height * 0.42}
        rx={r.width * 0.29}
        ry={r.height * 0.33}
      />
      <line
        x1={r.x + r.width * 0.1}
        x2={r.x + r.width * 0.9}
        y1={r.y + r.height * 0.86}
        y2={r.y + r.height * 0.86}
        strokeDasharray={`${stroke * 3} ${stroke * 3}`}
      />
    </g>
  );
}

export function PortraitCapture({
  open,
  spec,
  onClose,
  onAccept,
}: {
  open: boolean;
  spec: PhotoSpec;
  onClose: () => void;
  onAccept: (image: CapturedImage) => void;
}) {
  const { t } = useTranslation();
  const { videoRef, state } = useCamera(open);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PortraitResult | null>(null);

  useEffect(() => {
    if (!open) setResult(null);
  }, [open]);
  useEffect(
    () => () => {
      if (result) URL.revokeObjectURL(result.image.url);
    },
    [result],
  );

  const capture = async () => {
    const video = videoRef.current;
    if (!video || state.phase !== 'ready') return;
    setBusy(true);
    try {
      setResult(await processPortrait(grabFrame(video), spec));
    } finally {
      setBusy(false);
    }
  };

  const accept = () => {
    if (!result) return;
    onAccept({
      localId: crypto.randomUUID(),
      kind: 'portrait',
      mime: 'image/jpeg',
      bytes: result.image.bytes,
      sha256: result.image.sha256,
      widthPx: result.image.widthPx,
      heightPx: result.image.heightPx,
      spec: spec.code,
    });
  };

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={`${t('photo.take')} · ${spec.nameZh}`}
      width={960}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {result ? (
            <>
              <Button
                icon={<RedoOutlined />}
                onClick={() => setResult(null)}
                data-testid="photo-retake"
              >
                {t('photo.retake')}
              </Button>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={!result.ok}
                onClick={accept}
                data-testid="photo-accept"
              >
                {t('photo.accept')}
              </Button>
            </>
          ) : (
            <Button
              type="primary"
              icon={<CameraOutlined />}
              loading={busy}
              disabled={state.phase !== 'ready'}
              onClick={() => void capture()}
              data-testid="photo-capture"
            >
              {t('photo.capture')}
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={16}>
        <Col span={15}>
          <div style={{ display: result ? 'none' : 'block' }}>
            <CameraView
              videoRef={videoRef}
              state={state}
              overlay={(w, h) => <FaceGuide w={w} h={h} spec={spec} />}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('photo.guide')}
            </Typography.Paragraph>
          </div>
          {result && (
            <div
              style={{
                height: 420,
                display: 'grid',
                placeItems: 'center',
                background: '#fafafa',
                borderRadius: 6,
              }}
            >
              <img
                src={result.image.url}
                alt=""
                data-testid="photo-result"
                style={{ maxHeight: 400, border: '1px solid #d9d9d9' }}
              />
            </div>
          )}
        </Col>
        <Col span={9}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'spec',
                label: t('photo.checkDimensions'),
                children: `${spec.widthPx}×${spec.heightPx}`,
              },
              {
                key: 'bytes',
                label: t('photo.checkSize'),
                children: result ? (
                  result.size.fits ? (
                    <Tag color="green" data-testid="check-size">
                      {t('photo.sizeOk', { kb: kb(result.size.bytes) })}
                    </Tag>
                  ) : (
                    <Tag color="red" data-testid="check-size" style={{ whiteSpace: 'normal' }}>
                      {result.size.problem === 'too_large'
                        ? t('photo.sizeTooLarge')
                        : t('photo.sizeTooSmall')}
                    </Tag>
                  )
                ) : (
                  `${kb(spec.minBytes)}–${kb(spec.maxBytes)} KB`
                ),
              },
              {
                key: 'bg',
                label: t('photo.checkBackground'),
                children: result ? (
                  result.background.ok ? (
                    <Tag color="green" data-testid="check-background">
                      {t('photo.backgroundOk')}
                    </Tag>
                  ) : (
                    <Tag
                      color="red"
                      data-testid="check-background"
                      style={{ whiteSpace: 'normal' }}
                    >
                      {t('photo.backgroundBad')}
                    </Tag>
                  )
                ) : (
                  '—'
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('photo.spec', {
              width: spec.widthPx,
              height: spec.heightPx,
              min: Math.round(spec.minBytes / 1024),
              max: Math.round(spec.maxBytes / 1024),
            })}
          </Typography.Paragraph>
        </Col>
      </Row>
    </Modal>
  );
}
