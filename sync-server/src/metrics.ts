// Prometheus metrics (prom-client), one registry per server. Labels are closed sets of reasons
// and kinds: never a user name, a document name or an address.
import * as prom from 'prom-client';

export class Metrics {
  readonly registry = new prom.Registry();

  readonly connections = new prom.Gauge({
    name: 'tally_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly connectionsTotal = new prom.Counter({
    name: 'tally_connections_total',
    help: 'WebSocket connections accepted',
    registers: [this.registry],
  });
  readonly docsLoaded = new prom.Gauge({
    name: 'tally_docs_loaded',
    help: 'Documents held in memory',
    registers: [this.registry],
  });
  readonly docLoads = new prom.Counter({
    name: 'tally_doc_loads_total',
    help: 'Documents loaded from storage',
    registers: [this.registry],
  });
  readonly docLoadFailures = new prom.Counter({
    name: 'tally_doc_load_failures_total',
    help: 'Document loads that failed (their clients were disconnected)',
    registers: [this.registry],
  });
  readonly updates = new prom.Counter({
    name: 'tally_updates_total',
    help: 'Document updates committed',
    registers: [this.registry],
  });
  readonly updateBytes = new prom.Counter({
    name: 'tally_update_bytes_total',
    help: 'Bytes of document updates committed',
    registers: [this.registry],
  });
  readonly redundantUpdates = new prom.Counter({
    name: 'tally_redundant_updates_total',
    help: 'Updates dropped because the document already held everything in them',
    registers: [this.registry],
  });
  readonly deliveries = new prom.Counter({
    name: 'tally_deliveries_total',
    help: 'Updates relayed to other connections',
    registers: [this.registry],
  });
  readonly commitSeconds = new prom.Histogram({
    name: 'tally_commit_seconds',
    help: 'Time to commit one batch of updates',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly compactions = new prom.Counter({
    name: 'tally_compactions_total',
    help: 'Document compactions, by kind (merge, gc)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly storedBytes: prom.Gauge;
  readonly storedFileBytes: prom.Gauge;
  readonly fileUploads = new prom.Counter({
    name: 'tally_file_uploads_total',
    help: 'Kept files stored (uploads of a file already stored are not counted)',
    registers: [this.registry],
  });
  readonly fileUploadBytes = new prom.Counter({
    name: 'tally_file_upload_bytes_total',
    help: 'Bytes of kept files stored',
    registers: [this.registry],
  });
  readonly authFailures = new prom.Counter({
    name: 'tally_auth_failures_total',
    help: 'Refused authentications, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly logins = new prom.Counter({
    name: 'tally_logins_total',
    help: 'Login attempts, by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly rejectedMessages = new prom.Counter({
    name: 'tally_rejected_messages_total',
    help: 'WebSocket messages refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly httpRequests = new prom.Counter({
    name: 'tally_http_requests_total',
    help: 'HTTP requests, by route group and status class',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  /** `storedBytes` and `storedFileBytes` are read at scrape time (from the database). */
  constructor(storedBytes: () => number = () => 0, storedFileBytes: () => number = () => 0) {
    prom.collectDefaultMetrics({ register: this.registry, prefix: 'tally_' });
    this.storedBytes = new prom.Gauge({
      name: 'tally_stored_bytes',
      help: 'Bytes of document data stored, over all users',
      registers: [this.registry],
      collect() {
        this.set(storedBytes());
      },
    });
    this.storedFileBytes = new prom.Gauge({
      name: 'tally_stored_file_bytes',
      help: 'Bytes of kept files stored, over all users',
      registers: [this.registry],
      collect() {
        this.set(storedFileBytes());
      },
    });
  }
}
