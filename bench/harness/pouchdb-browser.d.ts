// The few PouchDB 9 calls the comparison uses (pouchdb-browser ships no types).
declare module 'pouchdb-browser' {
  export interface PouchAttachment {
    content_type: string;
    data: Blob | string;
  }
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _attachments?: Record<string, PouchAttachment>;
    [field: string]: unknown;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
    live?: false;
  }
  interface DatabaseOptions {
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
    skip_setup?: boolean;
  }
  interface Database {
    bulkDocs(docs: PouchDoc[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    destroy(): Promise<void>;
    close(): Promise<void>;
    replicate: {
      to(target: Database | string, options?: ReplicateOptions): Promise<ReplicationResult>;
      from(source: Database | string, options?: ReplicateOptions): Promise<ReplicationResult>;
    };
  }
  interface PouchStatic {
    new (name: string, options?: DatabaseOptions): Database;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
