// The base portrait, handed over once from Node (bench/lib/photo.ts makes it).
let base: Uint8Array<ArrayBuffer> | null = null;

export function setPhoto(base64: string): void {
  const binary = atob(base64);
  base = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export function photo(): Uint8Array<ArrayBuffer> {
  if (!base) throw new Error('setPhoto was not called');
  return base;
}
