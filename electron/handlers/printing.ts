// Printing channels: a thin layer over the print service (electron/printing/service.ts),
// plus the OS-dialog and PDF paths, which rasterise through the same preview renderer so
// every path prints the same privacy-masked layout.
import { writeFile } from 'node:fs/promises';
import type { HostChannel, HostHandlerGroup } from '../../shared/host/contract.ts';
import type { LabelContent } from '../../shared/printing/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { labelPdf, type LabelImage } from '../os-print/pdf.ts';
import type { HostDeps } from './deps.ts';

type PrintingChannel = Extract<HostChannel, `printers.${string}` | `print.${string}`>;

/** Raster resolution for the OS dialog and PDFs (office printers, not thermal heads). */
export const OS_PRINT_DPI = 300;

export function createPrintingHandlers(deps: HostDeps): HostHandlerGroup<PrintingChannel> {
  const service = deps.printService;

  async function render(label: LabelContent): Promise<Result<LabelImage>> {
    const preview = await service.renderPreview({ label, dpi: OS_PRINT_DPI });
    if (!preview.ok) return preview;
    return ok({ ...preview.value, dpi: OS_PRINT_DPI });
  }

  return {
    'printers.list': async () => ok(await service.listPrinters()),
    'printers.save': (config) => service.savePrinter(config),
    'printers.remove': ({ printerId }) => service.removePrinter(printerId),
    'printers.check': ({ printerId }) => service.checkPrinter(printerId),
    'print.label': (request) => service.printLabel(request),
    'print.reprint': (request) => service.reprintLabel(request),
    'print.void': (request) => service.voidLabel(request),
    'print.startBatch': (request) => service.startBatch(request),
    'print.resumeBatch': ({ batchId }) => service.resumeBatch(batchId),
    'print.batchProgress': ({ batchId }) => service.batchProgress(batchId),
    'print.ledger': async (query) => ok(await service.ledger(query)),
    'print.preview': async ({ label, dpi }) => {
      const preview = await service.renderPreview(dpi === undefined ? { label } : { label, dpi });
      if (!preview.ok) return preview;
      const { png, widthDots, heightDots } = preview.value;
      return ok({ png: Buffer.from(png).toString('base64'), widthDots, heightDots });
    },
    'print.osDialog': async ({ label, deviceName, silent }) => {
      const image = await render(label);
      if (!image.ok) return image;
      return deps.osPrint.print({
        image: image.value,
        ...(deviceName === undefined ? {} : { deviceName }),
        ...(silent === undefined ? {} : { silent }),
      });
    },
    'print.savePdf': async ({ label, fileName }) => {
      const image = await render(label);
      if (!image.ok) return image;
      const path = await deps.osPrint.chooseSavePath(fileName ?? `${label.kind}.pdf`);
      if (path === null) return fail('PDF_CANCELLED', '已取消保存', 'Saving was cancelled');
      const pdf = await labelPdf(image.value, `Waypost ${label.kind}`);
      await writeFile(path, pdf, { mode: 0o600 });
      return ok({ path, bytes: pdf.length });
    },
  };
}
