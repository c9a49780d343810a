// Opens the camera while a capture dialog is shown and always releases it afterwards.
import { useEffect, useRef, useState } from 'react';

export type CameraState =
  | { phase: 'starting' }
  | { phase: 'ready' }
  | { phase: 'error'; reason: 'denied' | 'missing' | 'other'; detail: string };

export function useCamera(active: boolean) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<CameraState>({ phase: 'starting' });

  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    setState({ phase: 'starting' });
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('', 'NotFoundError');
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
        if (cancelled) return;
        const video = videoRef.current;
        if (video) {
          video.srcObject = stream;
          await video.play().catch(() => undefined);
          if (video.readyState < 2) {
            await new Promise((resolve) =>
              video.addEventListener('loadeddata', resolve, { once: true }),
            );
          }
        }
        if (!cancelled) setState({ phase: 'ready' });
      } catch (error) {
        if (cancelled) return;
        const name = error instanceof DOMException ? error.name : '';
        setState({
          phase: 'error',
          reason:
            name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' ? 'missing' : 'other',
          detail: error instanceof Error ? error.message : String(error),
        });
      }
    })();
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
      if (videoRef.current) videoRef.current.srcObject = null;
    };
  }, [active]);

  return { videoRef, state };
}
