// Read barcodes off PNG files with Debian's zbarimg (apt package zbar-tools).
import { spawnSync } from 'node:child_process';

/** Decoded symbols, one per line, in file order ('' lines dropped). */
export function zbarRead(files: readonly string[], symbology?: 'code128' | 'qrcode'): string[] {
  const args = ['--raw', '-q'];
  if (symbology !== undefined) args.push('-Sdisable', `-S${symbology}.enable`);
  const result = spawnSync('zbarimg', [...args, ...files], { encoding: 'utf8' });
  if (result.error) throw result.error;
  // Exit 4 = no symbol found in any file; anything else non-zero is a failure.
  if (result.status !== 0 && result.status !== 4)
    throw new Error(`zbarimg failed: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '');
}
