// Locks the screen after a configurable time without keyboard, mouse or touch activity, so an
// unattended counter never shows personal data.
import { useEffect } from 'react';
import { useSession } from '../stores/session.ts';

const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function useIdleLock(minutes: number): void {
  const active = useSession((s) => s.session !== null && !s.locked);
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    EVENTS.forEach((name) => window.addEventListener(name, touch, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) useSession.getState().lock('idle');
    }, 5_000);
    return () => {
      EVENTS.forEach((name) => window.removeEventListener(name, touch));
      window.clearInterval(timer);
    };
  }, [active, minutes]);
}
