// shared/ is compiled without the DOM and Node type libraries (it must not use either), but
// the WHATWG URL class is a language-level global in every runtime Waypost targets (Node,
// Chromium, Electron). This declares just enough of it for shared/ to parse URLs.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly username: string;
  readonly password: string;
  href: string;
  toString(): string;
}
