// Facts about the machine a result was measured on (stored with every result file).
import { cpus, freemem, totalmem, release, platform } from 'node:os';
import { readFileSync } from 'node:fs';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  chromium?: string;
  postgres?: string;
  /** What `df` would tell about the disk IndexedDB and PostgreSQL write to. */
  notes: string[];
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(text);
    return `${pretty?.[1] ?? platform()} (kernel ${release()})`;
  } catch {
    return `${platform()} ${release()}`;
  }
}

export function machineFacts(extra: Partial<MachineFacts> = {}): MachineFacts {
  const list = cpus();
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    notes: [],
    ...extra,
  };
}
