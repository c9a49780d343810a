// Multi-page document scanning: each camera capture (or added file) becomes one page.
import { Button, Col, Empty, Modal, Row, Space, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined, FileAddOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapturedImage } from '../intake/draft.ts';
import { CameraView } from './CameraView.tsx';
import { encodeFrame, frameFromBlob, grabFrame, limitSize, sha256Hex } from './process.ts';
import { useCamera } from './useCamera.ts';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function useObjectUrls(images: readonly CapturedImage[]): Map<string, string> {
  const urls = useMemo(
    () =>
      new Map(
        images.map((img) => [
          img.localId,
          URL.createObjectURL(new Blob([img.bytes.slice()], { type: img.mime })),
        ]),
      ),
    [images],
  );
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

export async function imageFromFile(
  file: File,
  kind: CapturedImage['kind'],
  page?: number,
): Promise<CapturedImage | null> {
  if (file.size > MAX_FILE_BYTES || !/^image\/(jpeg|png)$/.test(file.type)) return null;
  const frame = limitSize(await frameFromBlob(file), 2000);
  const encoded = await encodeFrame(frame, 0.85);
  URL.revokeObjectURL(encoded.url);
  return {
    localId: crypto.randomUUID(),
    kind,
    mime: 'image/jpeg',
    bytes: encoded.bytes,
    sha256: encoded.sha256 || (await sha256Hex(encoded.bytes)),
    widthPx: encoded.widthPx,
    heightPx: encoded.heightPx,
    ...(page ? { page } : {}),
  };
}

export function DocumentScan({
  open,
  pages,
  onClose,
  onChange,
}: {
  open: boolean;
  pages: readonly CapturedImage[];
  onClose: () => void;
  onChange: (pages: CapturedImage[]) => void;
}) {
  const { t } = useTranslation();
  const { videoRef, state } = useCamera(open);
  const [busy, setBusy] = useState(false);
  const urls = useObjectUrls(pages);

  const renumber = (list: CapturedImage[]) => list.map((p, i) => ({ ...p, page: i + 1 }));

  const capture = async () => {
    const video = videoRef.current;
    if (!video || state.phase !== 'ready') return;
    setBusy(true);
    try {
      const encoded = await encodeFrame(limitSize(grabFrame(video), 2000), 0.85);
      URL.revokeObjectURL(encoded.url);
      onChange(
        renumber([
          ...pages,
          {
            localId: crypto.randomUUID(),
            kind: 'document',
            mime: 'image/jpeg',
            bytes: encoded.bytes,
            sha256: encoded.sha256,
            widthPx: encoded.widthPx,
            heightPx: encoded.heightPx,
          },
        ]),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={`${t('intake.sectionDocuments')} · ${t('photo.pages', { count: pages.length })}`}
      width={1000}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Row gutter={16}>
        <Col span={14}>
          <CameraView videoRef={videoRef} state={state} height={380} />
          <Space style={{ marginTop: 12 }}>
            <Button
              type="primary"
              icon={<CameraOutlined />}
              loading={busy}
              disabled={state.phase !== 'ready'}
              onClick={() => void capture()}
              data-testid="scan-page"
            >
              {t('photo.scanPage')}
            </Button>
            <Upload
              accept="image/jpeg,image/png"
              showUploadList={false}
              multiple
              beforeUpload={(file) => {
                void imageFromFile(file, 'document').then((img) => {
                  if (img) onChange(renumber([...pages, img]));
                });
                return false;
              }}
            >
              <Button icon={<FileAddOutlined />}>{t('photo.addFile')}</Button>
            </Upload>
          </Space>
        </Col>
        <Col span={10} style={{ maxHeight: 440, overflow: 'auto' }}>
          {pages.length === 0 ? (
            <Empty description={t('photo.documentsHint')} />
          ) : (
            <Row gutter={[8, 8]}>
              {pages.map((page, i) => (
                <Col span={12} key={page.localId}>
                  <div
                    style={{
                      border: '1px solid #d9d9d9',
                      borderRadius: 4,
                      padding: 4,
                      background: '#fff',
                    }}
                  >
                    <img
                      src={urls.get(page.localId)}
                      alt=""
                      style={{ width: '100%', height: 110, objectFit: 'contain' }}
                    />
                    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                      <Typography.Text>{t('photo.page', { n: i + 1 })}</Typography.Text>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('photo.removePage')}
                        onClick={() =>
                          onChange(renumber(pages.filter((p) => p.localId !== page.localId)))
                        }
                      />
                    </Space>
                  </div>
                </Col>
              ))}
            </Row>
          )}
        </Col>
      </Row>
    </Modal>
  );
}
