// Live camera picture with an optional guide drawn in the video's own coordinates (the SVG's
// viewBox equals the video size and both letterbox the same way, so the guide sits exactly
// where the crop will be taken).
import { Alert, Spin } from 'antd';
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraState } from './useCamera.ts';

export function CameraView({
  videoRef,
  state,
  overlay,
  height = 420,
}: {
  videoRef: RefObject<HTMLVideoElement | null>;
  state: CameraState;
  overlay?: (width: number, height: number) => ReactNode;
  height?: number;
}) {
  const { t } = useTranslation();
  const video = videoRef.current;
  const w = video?.videoWidth || 1280;
  const h = video?.videoHeight || 720;
  return (
    <div
      style={{
        position: 'relative',
        height,
        background: '#111',
        borderRadius: 6,
        overflow: 'hidden',
      }}
    >
      <video
        ref={videoRef}
        muted
        playsInline
        data-testid="camera-video"
        style={{ width: '100%', height: '100%', objectFit: 'contain', display: 'block' }}
      />
      {state.phase === 'ready' && overlay && (
        <svg
          className="wp-photo-guide"
          viewBox={`0 0 ${w} ${h}`}
          preserveAspectRatio="xMidYMid meet"
          width="100%"
          height="100%"
        >
          {overlay(w, h)}
        </svg>
      )}
      {state.phase === 'starting' && (
        <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
          <Spin description={t('photo.cameraStarting')} />
        </div>
      )}
      {state.phase === 'error' && (
        <div style={{ position: 'absolute', inset: 16 }}>
          <Alert
            type="error"
            showIcon
            title={
              state.reason === 'denied'
                ? t('photo.cameraDenied')
                : state.reason === 'missing'
                  ? t('photo.noCamera')
                  : t('photo.cameraError', { reason: state.detail })
            }
          />
        </div>
      )}
    </div>
  );
}
