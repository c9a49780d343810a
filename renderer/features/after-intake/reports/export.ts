// Report exports: XLSX (write-excel-file; ratios as numbers with a % format so they stay
// computable) and CSV (shared/reports toCsv), plus saving a Blob as a download.
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { safeText, toCsv, type ReportTable } from '../../../../shared/reports/index.ts';
import type { Lang } from '../../../../shared/result.ts';

export async function reportXlsx(table: ReportTable, lang: Lang, sheet = 'Report'): Promise<Blob> {
  const header = table.columns.map((c) => ({
    value: lang === 'zh' ? c.zh : c.en,
    fontWeight: 'bold' as const,
  }));
  const rows: SheetData = table.rows.map((row) =>
    row.map((cell, i) => {
      if (cell === null) return null;
      if (typeof cell === 'string') return { value: safeText(cell), type: String };
      return table.columns[i]?.format === 'ratio'
        ? { value: cell, type: Number, format: '0.0%' }
        : { value: cell, type: Number };
    }),
  );
  return writeXlsxFile([header, ...rows], {
    sheet,
    columns: table.columns.map((c) => ({
      width: c.format === 'text' ? 18 : Math.max(10, (lang === 'zh' ? c.zh : c.en).length * 2),
    })),
    stickyRowsCount: 1,
  }).toBlob();
}

export function reportCsv(table: ReportTable, lang: Lang): Blob {
  return new Blob([toCsv(table, lang)], { type: 'text/csv;charset=utf-8' });
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
