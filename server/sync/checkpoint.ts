// The pull checkpoint: the (txid, seq) of the last document a client received, encoded
// opaquely. Clients store it and send it back unchanged; only the server reads it.

export interface Position {
  /** Writing transaction id (xid8) as decimal text. */
  txid: string;
  /** Per-write sequence number as decimal text. */
  seq: string;
}

export const START: Position = { txid: '0', seq: '0' };
const PREFIX = 'c1.';

export function encodeCheckpoint(position: Position): string {
  return PREFIX + Buffer.from(`${position.txid}.${position.seq}`, 'latin1').toString('base64url');
}

/** The position, or null when the text is not a checkpoint this server issued. */
export function decodeCheckpoint(text: string): Position | null {
  if (!text.startsWith(PREFIX) || text.length > 80) return null;
  const decoded = Buffer.from(text.slice(PREFIX.length), 'base64url').toString('latin1');
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(decoded);
  if (!match?.[1] || !match[2]) return null;
  return { txid: match[1], seq: match[2] };
}
