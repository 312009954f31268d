// Type declarations of client.js: the runtime in a worker, every call a promise.
import type { ErrorValue, RunRequest, RunResult, ResumeYieldRequest, ExportInfo, StateMap } from './nearrt.js';

export interface CallOptions { timeoutMs?: number }
export type Cancelled = { error: { kind: 'Cancelled' | 'WorkerError' | 'LoadError'; message: string } };

export declare class RuntimeWorker {
  constructor(options?: { url?: string | URL; create?: (url: string | URL) => any; timeoutMs?: number });
  /** Resolves to true once the module is loaded in the worker. */
  ready: Promise<boolean>;
  timeoutMs: number;
  /** Called with (op, milliseconds spent in the worker) after each call. */
  onTiming?: (op: string, ms: number) => void;
  call(op: string, args?: unknown[], opts?: CallOptions): Promise<any>;
  cancel(message?: string): void;
  terminate(): void;
  readonly chain: { create(genesis: object): Promise<any>; block(txs?: unknown[], opts?: { record?: boolean }): Promise<any>;
                    idle(maxBlocks?: number): Promise<any>; view(accountId: string, method: string, args?: string | object): Promise<any>;
                    account(accountId: string): Promise<any> };
  version(): Promise<{ nearrt: string; protocol_version: number; chain: boolean }>;
  loadConfig(req?: { protocolVersion?: number; overrides?: Record<string, unknown> }):
    Promise<{ protocol_version: number } | ErrorValue>;
  parameters(): Promise<{ protocol_version: number; parameters: Record<string, unknown> } | ErrorValue>;
  run(req: RunRequest, opts?: CallOptions): Promise<RunResult | ErrorValue | Cancelled>;
  runJson(req: RunRequest, opts?: CallOptions): Promise<string | Cancelled>;
  resumeYield(req: ResumeYieldRequest, opts?: CallOptions): Promise<RunResult | ErrorValue | Cancelled>;
  exports(code: Uint8Array | ArrayBuffer): Promise<{ exports: ExportInfo[]; imports: { module: string; name: string }[] } | ErrorValue>;
  methods(code: Uint8Array | ArrayBuffer): Promise<string[] | ErrorValue>;
  stateRoot(req: { accountId: string; state: StateMap }): Promise<{ state_root: string; entries: number } | ErrorValue>;
  prove(req: { accountId: string; state: StateMap; key: string | Uint8Array }): Promise<any>;
  verify(req: { stateRoot: string; accountId: string; key: string | Uint8Array; proof: string[]; value?: string | Uint8Array }): Promise<any>;
}
