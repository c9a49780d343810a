// Scan feedback a clerk notices without looking: a short high beep for a good scan, two beeps
// for a notice, a long low tone for a blocked scan. WebAudio, no sound files (strict CSP).
export type Feedback = 'ok' | 'notice' | 'error';

let context: AudioContext | null = null;

function tone(ctx: AudioContext, frequency: number, startAt: number, seconds: number): void {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.08, startAt);
  gain.gain.exponentialRampToValueAtTime(0.0001, startAt + seconds);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(startAt);
  oscillator.stop(startAt + seconds);
}

export function beep(kind: Feedback): void {
  try {
    context ??= new AudioContext();
    const t = context.currentTime;
    if (kind === 'ok') tone(context, 1760, t, 0.08);
    else if (kind === 'notice') {
      tone(context, 1320, t, 0.07);
      tone(context, 1320, t + 0.12, 0.07);
    } else tone(context, 220, t, 0.6);
  } catch {
    // No audio device: the flash and the message still show.
  }
}
