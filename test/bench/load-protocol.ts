/** Messages between `npm run bench` (main thread) and its load-generator worker threads. */

export interface LoadWorkerData {
  url: string;
  workerIndex: number;
  lanes: number;
  /** Per-operation time-out: AuthFetch never settles on a response it cannot verify. */
  opTimeoutMs: number;
}

interface Bounded {
  /** At most this many operations from this worker... */
  count: number;
  /** ...and none started after this Date.now() value. */
  deadline: number;
}

export type WorkSpec =
  /** Fresh identities, one BRC-104 handshake each (initialRequest → initialResponse). */
  | (Bounded & { kind: 'handshake'; concurrency: number })
  /** POST /sendMessage; to the next lane of this worker, or to `recipientsPerOp` of `targets`. */
  | (Bounded & {
      kind: 'send';
      box: string;
      recipientsPerOp: number;
      targets: string[];
      idPrefix: string;
    })
  /** Unmeasured set-up: every lane sends itself `perLane` messages into `box`, `batch` per request. */
  | { kind: 'fill'; box: string; perLane: number; batch: number; idPrefix: string }
  /** POST /listMessages of each lane's own `box`; the page must hold `expect` messages. */
  | (Bounded & { kind: 'list'; box: string; limit?: number; expect: number })
  /** POST /acknowledgeMessage, one id per request, of messages a `fill` put in `box`. */
  | (Bounded & { kind: 'ack'; box: string });

export interface WorkResult {
  ops: number;
  errors: number;
  firstError?: string;
  latencies: number[];
  /** Stopped by the deadline before `count` was reached. */
  timeCapped: boolean;
}

export type ToWorker = { id: number; cmd: 'init' } | { id: number; cmd: 'run'; spec: WorkSpec };

export type FromWorker =
  | { id: number; ok: true; identityKeys?: string[]; result?: WorkResult }
  | { id: number; ok: false; error: string };
