// A small Prometheus registry: counters and gauges with labels, rendered as text format 0.0.4.
// Per process: a load balancer scrapes each replica.

type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  constructor() {
    this.define('waypost_http_requests_total', 'counter', 'HTTP requests by route and status');
    this.define('waypost_documents_pushed_total', 'counter', 'Documents stored by push');
    this.define('waypost_documents_pulled_total', 'counter', 'Documents sent by pull and stream');
    this.define('waypost_push_conflicts_total', 'counter', 'Pushed rows answered with a conflict');
    this.define('waypost_push_rejections_total', 'counter', 'Pushed rows rejected and quarantined');
    this.define('waypost_open_streams', 'gauge', 'Open Server-Sent Event streams');
  }

  private define(name: string, type: Series['type'], help: string): void {
    this.series.set(name, { help, type, values: new Map() });
  }

  add(name: string, labels: Labels, delta = 1): void {
    const series = this.series.get(name);
    if (!series) throw new Error(`unknown metric ${name}`);
    const key = JSON.stringify(labels);
    const entry = series.values.get(key);
    if (entry) entry.value += delta;
    else series.values.set(key, { labels, value: delta });
  }

  get(name: string, labels: Labels): number {
    return this.series.get(name)?.values.get(JSON.stringify(labels))?.value ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.series) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} ${series.type}`);
      for (const { labels, value } of series.values.values()) {
        const text = Object.entries(labels)
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        lines.push(text ? `${name}{${text}} ${value}` : `${name} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

const escapeLabel = (value: string): string =>
  value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
