// Number rubbing (号码拓印) capture: photograph the rubbing, drag four corners onto its corners,
// and straighten it with a perspective transform so the number reads level.
import { Button, Modal, Radio, Space, Typography, Upload } from 'antd';
import {
  CameraOutlined,
  CheckOutlined,
  ColumnWidthOutlined,
  FileAddOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapturedImage } from '../intake/draft.ts';
import { CameraView } from './CameraView.tsx';
import {
  defaultRubbingQuad,
  straightenedSize,
  warpQuad,
  type Point,
  type Quad,
} from './perspective.ts';
import {
  encodeFrame,
  frameFromBlob,
  grabFrame,
  limitSize,
  type EncodedImage,
  type Frame,
} from './process.ts';
import { useCamera } from './useCamera.ts';

const BOX_W = 880;
const BOX_H = 440;

function CornerEditor({
  frame,
  quad,
  onChange,
}: {
  frame: Frame;
  quad: Quad;
  onChange: (q: Quad) => void;
}) {
  const scale = Math.min(BOX_W / frame.width, BOX_H / frame.height);
  const w = frame.width * scale;
  const h = frame.height * scale;
  const [url] = useState(() => frame.toDataURL('image/jpeg', 0.8));
  const dragging = useRef<number | null>(null);
  const svgRef = useRef<SVGSVGElement | null>(null);

  const toFrame = (event: React.PointerEvent): Point => {
    const box = svgRef.current?.getBoundingClientRect();
    const x = (event.clientX - (box?.left ?? 0)) / scale;
    const y = (event.clientY - (box?.top ?? 0)) / scale;
    return {
      x: Math.min(Math.max(x, 0), frame.width - 1),
      y: Math.min(Math.max(y, 0), frame.height - 1),
    };
  };

  return (
    <div
      style={{ position: 'relative', width: w, height: h, margin: '0 auto', touchAction: 'none' }}
    >
      <img src={url} alt="" width={w} height={h} style={{ display: 'block' }} />
      <svg
        ref={svgRef}
        width={w}
        height={h}
        style={{ position: 'absolute', inset: 0 }}
        data-testid="rubbing-corners"
        onPointerMove={(event) => {
          if (dragging.current === null) return;
          const next = [...quad] as [Point, Point, Point, Point];
          next[dragging.current] = toFrame(event);
          onChange(next);
        }}
        onPointerUp={() => (dragging.current = null)}
        onPointerLeave={() => (dragging.current = null)}
      >
        <polygon
          points={quad.map((p) => `${p.x * scale},${p.y * scale}`).join(' ')}
          fill="rgba(82,196,26,0.12)"
          stroke="#52c41a"
          strokeWidth={2}
        />
        {quad.map((p, i) => (
          <circle
            key={i}
            cx={p.x * scale}
            cy={p.y * scale}
            r={22}
            fill="rgba(82,196,26,0.35)"
            stroke="#237804"
            strokeWidth={2}
            style={{ cursor: 'grab' }}
            data-testid={`rubbing-corner-${i}`}
            onPointerDown={(event) => {
              dragging.current = i;
              (event.target as Element).setPointerCapture?.(event.pointerId);
            }}
          />
        ))}
      </svg>
    </div>
  );
}

export function RubbingCapture({
  open,
  onClose,
  onAccept,
}: {
  open: boolean;
  onClose: () => void;
  onAccept: (image: CapturedImage) => void;
}) {
  const { t } = useTranslation();
  const [frame, setFrame] = useState<Frame | null>(null);
  const [quad, setQuad] = useState<Quad | null>(null);
  const [result, setResult] = useState<EncodedImage | null>(null);
  const [kind, setKind] = useState<'vin_rubbing' | 'engine_rubbing'>('vin_rubbing');
  const { videoRef, state } = useCamera(open && frame === null);

  useEffect(() => {
    if (!open) {
      setFrame(null);
      setQuad(null);
      setResult(null);
    }
  }, [open]);
  useEffect(
    () => () => {
      if (result) URL.revokeObjectURL(result.url);
    },
    [result],
  );

  const takeFrame = (f: Frame) => {
    const limited = limitSize(f, 1600);
    setFrame(limited);
    setQuad(defaultRubbingQuad(limited.width, limited.height));
    setResult(null);
  };

  const straighten = async () => {
    if (!frame || !quad) return;
    const ctx = frame.getContext('2d');
    const pixels = ctx?.getImageData(0, 0, frame.width, frame.height);
    if (!pixels) return;
    const { width, height } = straightenedSize(quad);
    const out = warpQuad(pixels, quad, width, height);
    if (!out) return;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')?.putImageData(new ImageData(out, width, height), 0, 0);
    setResult(await encodeFrame(canvas, 0.88));
  };

  const accept = () => {
    if (!result) return;
    onAccept({
      localId: crypto.randomUUID(),
      kind,
      mime: 'image/jpeg',
      bytes: result.bytes,
      sha256: result.sha256,
      widthPx: result.widthPx,
      heightPx: result.heightPx,
    });
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('rubbing.title')}
      width={940}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {frame && (
            <Button icon={<RedoOutlined />} onClick={() => setFrame(null)}>
              {t('photo.retake')}
            </Button>
          )}
          {!frame && (
            <Button
              type="primary"
              icon={<CameraOutlined />}
              disabled={state.phase !== 'ready'}
              onClick={() => videoRef.current && takeFrame(grabFrame(videoRef.current))}
              data-testid="rubbing-capture"
            >
              {t('rubbing.capture')}
            </Button>
          )}
          {frame && !result && (
            <Button
              type="primary"
              icon={<ColumnWidthOutlined />}
              onClick={() => void straighten()}
              data-testid="rubbing-straighten"
            >
              {t('rubbing.apply')}
            </Button>
          )}
          {result && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={accept}
              data-testid="rubbing-accept"
            >
              {t('photo.accept')}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group
          value={kind}
          optionType="button"
          buttonStyle="solid"
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'vin_rubbing', label: t('rubbing.vin') },
            { value: 'engine_rubbing', label: t('rubbing.engine') },
          ]}
          data-testid="rubbing-kind"
        />
        {!frame && (
          <Upload
            accept="image/jpeg,image/png"
            showUploadList={false}
            beforeUpload={(file) => {
              void frameFromBlob(file).then(takeFrame);
              return false;
            }}
          >
            <Button icon={<FileAddOutlined />}>{t('photo.addFile')}</Button>
          </Upload>
        )}
      </Space>
      {!frame && <CameraView videoRef={videoRef} state={state} height={BOX_H} />}
      {frame && quad && !result && (
        <>
          <Typography.Paragraph type="secondary">{t('rubbing.straighten')}</Typography.Paragraph>
          <CornerEditor frame={frame} quad={quad} onChange={setQuad} />
        </>
      )}
      {result && (
        <div
          style={{ display: 'grid', placeItems: 'center', minHeight: 200, background: '#fafafa' }}
        >
          <img
            src={result.url}
            alt=""
            data-testid="rubbing-result"
            style={{ maxWidth: '100%', maxHeight: BOX_H }}
          />
        </div>
      )}
    </Modal>
  );
}
