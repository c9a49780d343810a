// Our CSP allows styles by nonce only (the hosts issue one per document; electron/security/
// csp.ts). antd's CSS-in-JS takes the nonce from ConfigProvider, but a few helpers inside
// @rc-component (the modal scroll locker, scrollbar measuring) create <style> elements without
// it (ant-design/ant-design#53032, #58150 — open upstream). Scripts are 'self' only, so any
// <style> created at run time comes from our own bundle: stamping the document's nonce on
// each one keeps the policy strict (no 'unsafe-inline') without losing those styles.

/** The per-document nonce the host wrote into index.html, or undefined (vite dev server). */
export function documentStyleNonce(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce && !nonce.startsWith('__') ? nonce : undefined;
}

export function stampStyleNonce(nonce: string, doc: Document = document): void {
  const create = doc.createElement.bind(doc) as (
    tag: string,
    options?: ElementCreationOptions,
  ) => HTMLElement;
  const patched = (tag: string, options?: ElementCreationOptions): HTMLElement => {
    const element = create(tag, options);
    if (tag.toLowerCase() === 'style' && !element.nonce) element.nonce = nonce;
    return element;
  };
  Object.defineProperty(doc, 'createElement', {
    value: patched,
    configurable: true,
    writable: true,
  });
}
