// Type declarations of the nearrt web package (nearrt.js).

/** An error value: a bad request, a bad config, or a failure of the module itself. */
export interface ErrorValue {
  error: { kind: 'InvalidInput' | 'InvalidConfig' | 'InvalidContract' | 'StorageError' | 'InternalError' | string;
           message: string };
}

/** Fields of nearcore's VMContext, by the standalone runner's names (all optional). */
export interface RunContext {
  current_account_id?: string;
  signer_account_id?: string;
  signer_account_pk?: string;
  predecessor_account_id?: string;
  refund_to_account_id?: string;
  input?: string;                 // base64
  block_index?: number | string;
  block_height?: number | string;
  block_timestamp?: number | string;
  epoch_height?: number | string;
  account_balance?: string | number;
  account_locked_balance?: string | number;
  storage_usage?: number | string;
  attached_deposit?: string | number;
  prepaid_gas?: number | string;
  random_seed?: string;           // base58
  is_view?: boolean;
  view_config?: null | { max_gas_burnt: number | string };
  output_data_receivers?: string[];
  account_contract?: unknown;
  promise_results?: PromiseResultJson[];
  [field: string]: unknown;
}

export type PromiseResultJson = 'NotReady' | 'Failed' | { Successful: string } | { SuccessfulBase64: string };

/** Contract storage: base64 key -> base64 value. */
export type StateMap = Record<string, string>;

export type Bytes = Uint8Array | ArrayBuffer;

export interface RunRequest {
  code: Bytes;
  method: string;
  /** The call input (text or bytes); overrides context.input. */
  input?: string | Bytes;
  context?: RunContext;
  state?: StateMap;
  promiseResults?: PromiseResultJson[];
  /** Parameter overrides for this call only (the JSON of `nearrt run --config`). */
  config?: Record<string, unknown>;
  /** Data ids (base58) of yields that promise_yield_resume may resume in this call. */
  pendingYields?: string[];
  /** Reuse prepared contracts between calls (default true). */
  cache?: boolean;
}

export interface ProfileEntry { cost_category: string; cost: string; gas_used: number | string }

export interface Outcome {
  balance: string;
  storage_usage: number;
  return_data: { Value: string } | { ValueBase64: string } | { ReceiptIndex: number } | 'None';
  burnt_gas: number | string;
  used_gas: number | string;
  logs: string[];
  profile: ProfileEntry[];
  compute_usage: number | string;
}

export interface Receipt {
  receipt_indices: number[];
  receiver_id: string;
  actions: unknown[];
  refund_to?: string;
  is_promise_yield?: boolean;
  input_data_id?: string;
}

export interface YieldInfo {
  receiptIndex: number;
  dataId: string;
  receiverId: string;
  method: string;
  args?: string;
  argsBase64?: string;
  gas: number | string;
}

export interface ResumeInfo { dataId: string; payloadBase64: string; payload: string | null }

/** The object `nearrt run` prints, plus yields and resumes. */
export interface RunResult {
  outcome: Outcome | null;
  /** nearcore's VMError (serde form), e.g. {FunctionCallError: {HostError: {GuestPanic: {panic_msg}}}}. */
  err: unknown | null;
  err_message?: string;
  receipts: Receipt[];
  state: StateMap;
  yields: YieldInfo[];
  resumes: ResumeInfo[];
}

export interface ResumeYieldRequest {
  code: Bytes;
  yield: YieldInfo;
  payload?: string | Bytes;
  /** Run the callback as after a yield timeout (promise result Failed). */
  timeout?: boolean;
  context?: RunContext;
  state?: StateMap;
  config?: Record<string, unknown>;
  cache?: boolean;
}

export interface ExportInfo { name: string; kind: 'function' | 'table' | 'memory' | 'global'; callable: boolean }

/** A block as `nearrt apply` prints it (nearcore RPC views for outcomes and receipts). */
export interface BlockJson {
  height: number; block_hash: string; gas_price: string; state_root: string; outcome_root: string;
  gas_burnt: number | string; tokens_burnt: string; outcomes: any[]; outgoing_receipts: any[];
  witness?: { nodes: number; bytes: number; borsh_base64: string };
}

export declare class LocalChain {
  create(genesis: Record<string, unknown>):
    { height: number; state_root: string; block_hash: string; genesis_supply: string } | ErrorValue;
  block(transactions?: unknown[], opts?: { record?: boolean }): BlockJson | ErrorValue;
  idle(maxBlocks?: number): { blocks: BlockJson[]; state_root: string; pending_receipts: number } | ErrorValue;
  view(accountId: string, method: string, args?: string | object):
    { return?: string | null; return_base64?: string; logs: string[]; burnt_gas: number | string; err_message?: string } | ErrorValue;
  account(accountId: string):
    { account: { amount: string; locked: string; storage_usage: number; code_hash?: string } | null; height: number; state_root: string } | ErrorValue;
}

export declare class NearRuntime {
  readonly chain: LocalChain;
  /** True after an InternalError (a bug in nearrt): make a new runtime with createRuntime(). */
  broken?: boolean;
  version(): { nearrt: string; protocol_version: number; chain: boolean };
  loadConfig(req?: { protocolVersion?: number; overrides?: Record<string, unknown> }):
    { protocol_version: number } | ErrorValue;
  parameters(): { protocol_version: number; parameters: Record<string, unknown> } | ErrorValue;
  run(req: RunRequest): RunResult | ErrorValue;
  /** The exact text `nearrt run` prints for the same inputs (or an ErrorValue's JSON). */
  runJson(req: RunRequest): string;
  resumeYield(req: ResumeYieldRequest): RunResult | ErrorValue;
  exports(code: Bytes): { exports: ExportInfo[]; imports: { module: string; name: string }[] } | ErrorValue;
  methods(code: Bytes): string[] | ErrorValue;
  stateRoot(req: { accountId: string; state: StateMap }): { state_root: string; entries: number } | ErrorValue;
  prove(req: { accountId: string; state: StateMap; key: string | Bytes }):
    { state_root: string; trie_key_base64: string; value_base64: string | null; proof: string[] } | ErrorValue;
  verify(req: { stateRoot: string; accountId: string; key: string | Bytes; proof: string[]; value?: string | Bytes }):
    { valid: boolean; present: boolean; message?: string } | ErrorValue;
}

export declare function createRuntime(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}): Promise<NearRuntime>;
export default createRuntime;

export declare function toBase64(bytes: Uint8Array): string;
export declare function fromBase64(text: string): Uint8Array;
export declare function utf8OrNull(bytes: Uint8Array): string | null;
export declare function parseJson(text: string): any;
export declare function yieldsOf(receipts: Receipt[]): YieldInfo[];
export declare function stateRows(state: StateMap): {
  keyBase64: string; valueBase64: string; key: string | null; value: string | null; keyBytes: number; valueBytes: number;
}[];
