// Printer addresses as configured by installers:
//   tcp://192.168.1.50:9100   raw TCP (JetDirect / AppSocket)
//   device:/dev/usb/lp0       a device file (USB printer class, Linux)
//   serial:/dev/ttyS0         a serial port (line settings configured by the OS)
//   os:<printer name>         a printer installed in the operating system (raw queue)
import { fail, ok, type Result } from '../result.ts';

export type PrinterAddress =
  | { readonly scheme: 'tcp'; readonly host: string; readonly port: number }
  | { readonly scheme: 'device'; readonly path: string }
  | { readonly scheme: 'serial'; readonly path: string }
  | { readonly scheme: 'os'; readonly name: string };

const TCP = /^tcp:\/\/(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/iu;

const invalid = () =>
  fail(
    'PRINTER_URI',
    '打印机地址格式不正确，应为 tcp://IP:9100、device:/dev/usb/lp0、serial:/dev/ttyS0 或 os:打印机名称',
    'Printer address must be tcp://host:9100, device:/path, serial:/path or os:<name>',
    'uri',
  );

export function parsePrinterUri(uri: string): Result<PrinterAddress> {
  const text = uri.trim();
  const tcp = TCP.exec(text);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    if (port < 1 || port > 65535) return invalid();
    const host = (tcp[1] ?? '').replace(/^\[|\]$/gu, '');
    return ok({ scheme: 'tcp', host, port });
  }
  const colon = text.indexOf(':');
  if (colon < 0) return invalid();
  const scheme = text.slice(0, colon).toLowerCase();
  const rest = text.slice(colon + 1);
  if (rest === '') return invalid();
  switch (scheme) {
    case 'device':
      return ok({ scheme: 'device', path: rest });
    case 'serial':
      return ok({ scheme: 'serial', path: rest });
    case 'os':
      return ok({ scheme: 'os', name: rest });
    default:
      return invalid();
  }
}

export function formatPrinterAddress(address: PrinterAddress): string {
  switch (address.scheme) {
    case 'tcp':
      return `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'device':
    case 'serial':
      return address.path;
    case 'os':
      return address.name;
  }
}
