// nearrt for JavaScript: NEAR contract execution (protocol version 86, the
// same C++ core as the native `nearrt`) in a page, a Web Worker or node.
//
//   import { createRuntime } from 'nearrt';
//   const rt = await createRuntime();
//   const r = rt.run({ code, method: 'get_greeting', context: { predecessor_account_id: 'bob.near' } });
//   r.outcome.return_data, r.outcome.logs, r.outcome.burnt_gas, r.err, r.state ...
//
// Every method returns a value; a bad request gives { error: { kind, message } }
// and never throws or breaks the module. Contract failures are in `err`
// (nearcore's error kinds) and `err_message` (nearcore's text), exactly as
// `nearrt run` prints them. Integers beyond 2^53 (gas attached to receipts,
// say) are given as decimal strings so that no digit is lost.
import createNearrtCore from './nearrt_core.mjs';
import { fromBase64, parseJson, toBase64, toBytes, utf8OrNull, yieldsOf } from './util.js';

export { fromBase64, parseJson, stateRows, toBase64, utf8OrNull, yieldsOf } from './util.js';

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node) &&
  typeof window === 'undefined' && typeof WorkerGlobalScope === 'undefined';

function invalid(message) {
  return { error: { kind: 'InvalidInput', message } };
}

// ---------------------------------------------------------------- runtime

export class NearRuntime {
  /** Use createRuntime(). */
  constructor(core) {
    this._core = core;
  }

  // Calls a C API function with string arguments and an optional byte buffer
  // (passed first, as pointer + length). Returns the reply text.
  _call(name, strings, bytes) {
    const core = this._core;
    const ptrs = [];
    const stack = core.stackSave ? core.stackSave() : undefined;
    try {
      const args = [];
      if (bytes !== undefined) {
        const p = core._malloc(Math.max(1, bytes.length));
        ptrs.push(p);
        core.HEAPU8.set(bytes, p);
        args.push(p, bytes.length);
      }
      for (const s of strings) {
        const n = core.lengthBytesUTF8(s) + 1;
        const p = core._malloc(n);
        ptrs.push(p);
        core.stringToUTF8(s, p, n);
        args.push(p);
      }
      return core.UTF8ToString(core['_' + name](...args));
    } catch (e) {
      // Only a bug in nearrt (a C++ exception, which emcc does not catch) or
      // memory exhaustion gets here; keep it a value. The unwound C++ frames
      // did not clean up: the stack pointer is reset, and `broken` tells the
      // caller to make a fresh runtime (the worker does so by itself).
      if (stack !== undefined) core.stackRestore(stack);
      this.broken = true;
      return JSON.stringify({ error: { kind: 'InternalError', message: String((e && e.message) || e) } });
    } finally {
      for (const p of ptrs) core._free(p);
    }
  }

  _callJson(name, request) {
    let text;
    try {
      text = JSON.stringify(request ?? {});
    } catch (e) {
      return invalid('request is not serializable: ' + e.message);
    }
    return parseJson(this._call(name, [text]));
  }

  /** The module's local chain (one per runtime; see LocalChain). */
  get chain() {
    if (!this._chain) this._chain = new LocalChain(this);
    return this._chain;
  }

  /** { nearrt, protocol_version, chain } */
  version() {
    return JSON.parse(this._call('nearrt_web_version', []));
  }

  /**
   * Loads the runtime config of later calls: a protocol version (84..86) and
   * parameter overrides (the JSON of `nearrt run --config`).
   */
  loadConfig({ protocolVersion, overrides } = {}) {
    const req = {};
    if (protocolVersion !== undefined) req.protocol_version = protocolVersion;
    if (overrides !== undefined) req.overrides = overrides;
    return this._callJson('nearrt_web_load_config', req);
  }

  /** The loaded protocol version's parameter table (nearcore names). */
  parameters() {
    return parseJson(this._call('nearrt_web_parameters', []));
  }

  _runRequest(req) {
    if (!req || typeof req !== 'object') return { error: 'run: expected a request object' };
    const code = toBytes(req.code);
    if (!code || typeof req.code === 'string') return { error: 'code: expected a Uint8Array or ArrayBuffer' };
    const body = { method: req.method };
    if (req.input !== undefined) {
      if (typeof req.input === 'string') body.input = req.input;
      else {
        const b = toBytes(req.input);
        if (!b) return { error: 'input: expected a string or bytes' };
        body.input_base64 = toBase64(b);
      }
    }
    for (const [from, to] of [['context', 'context'], ['state', 'state'], ['promiseResults', 'promise_results'],
                              ['config', 'config'], ['pendingYields', 'pending_yields'], ['cache', 'cache']]) {
      if (req[from] !== undefined) body[to] = req[from];
    }
    let text;
    try {
      text = JSON.stringify(body);
    } catch (e) {
      return { error: 'request is not serializable: ' + e.message };
    }
    return { code, text };
  }

  /**
   * Runs one method and returns the exact JSON text `nearrt run` prints for
   * the same inputs (without the trailing newline), or an error object's JSON.
   */
  runJson(req) {
    const r = this._runRequest(req);
    if (r.error) return JSON.stringify(invalid(r.error));
    return this._call('nearrt_web_run', [r.text], r.code);
  }

  /**
   * Runs one method: { code, method, input?, context?, state?, promiseResults?,
   * config?, pendingYields?, cache? }. Returns the `nearrt run` object
   * ({ outcome, err, receipts, state, err_message? }) plus `yields` (the
   * promise yields it created, with their data ids) and `resumes` (payloads
   * it gave to pending yields with promise_yield_resume).
   */
  run(req) {
    const text = this.runJson(req);
    const out = parseJson(text);
    if (out.error) return out;
    out.yields = yieldsOf(out.receipts);
    const extras = JSON.parse(this._call('nearrt_web_last_run_extras', []));
    out.resumes = extras.resumes.map((r) => {
      const payload = fromBase64(r.payload_base64);
      return { dataId: r.data_id, payloadBase64: r.payload_base64, payload: utf8OrNull(payload) };
    });
    return out;
  }

  /**
   * Runs the callback of a yield (an entry of run().yields) as the runtime
   * does once the yield is resumed: promise result 0 is the payload, or a
   * failure with `timeout: true` (nearcore's yield timeout). The callback runs
   * on the yield's receiver with its arguments and gas.
   * { code, yield, payload? (string | bytes), timeout?, context?, state?, config? }
   */
  resumeYield(req) {
    if (!req || typeof req !== 'object' || !req.yield || !req.yield.method) {
      return invalid('resumeYield: expected { code, yield, payload | timeout }');
    }
    const y = req.yield;
    let result;
    if (req.timeout) {
      result = 'Failed';
    } else {
      const payload = toBytes(req.payload ?? '');
      if (!payload) return invalid('payload: expected a string or bytes');
      result = { SuccessfulBase64: toBase64(payload) };
    }
    const context = Object.assign({}, req.context || {}, {
      current_account_id: y.receiverId,
      predecessor_account_id: y.receiverId,
      attached_deposit: '0',
    });
    if (y.gas !== undefined) context.prepaid_gas = y.gas;
    const input = y.argsBase64 !== undefined ? fromBase64(y.argsBase64) : (y.args ?? '');
    return this.run({ code: req.code, method: y.method, input, context, state: req.state,
                      promiseResults: [result], config: req.config, cache: req.cache });
  }

  /** The contract's exports ({ name, kind, callable }) and imports. */
  exports(code) {
    const bytes = toBytes(code);
    if (!bytes || typeof code === 'string') return invalid('code: expected a Uint8Array or ArrayBuffer');
    return JSON.parse(this._call('nearrt_web_exports', [], bytes));
  }

  /** Names of the methods NEAR can call (function exports without params or results). */
  methods(code) {
    const e = this.exports(code);
    if (e.error) return e;
    return e.exports.filter((x) => x.callable).map((x) => x.name);
  }

  /** The state root of a contract's storage ({ accountId, state }) -> { state_root, entries }. */
  stateRoot({ accountId, state } = {}) {
    return this._callJson('nearrt_web_state_root', { account_id: accountId, state: state || {} });
  }

  /** A proof of one storage key ({ accountId, state, key }: key string or bytes). */
  prove({ accountId, state, key } = {}) {
    const k = toBytes(key);
    if (!k) return invalid('key: expected a string or bytes');
    return this._callJson('nearrt_web_prove', { account_id: accountId, state: state || {}, key_base64: toBase64(k) });
  }

  /** Checks a proof against a state root: { stateRoot, accountId, key, proof, value? }. */
  verify({ stateRoot, accountId, key, proof, value } = {}) {
    const k = toBytes(key);
    if (!k) return invalid('key: expected a string or bytes');
    const req = { state_root: stateRoot, account_id: accountId, key_base64: toBase64(k), proof };
    if (value !== undefined && value !== null) {
      const v = toBytes(value);
      if (!v) return invalid('value: expected a string or bytes');
      req.value_base64 = toBase64(v);
    }
    return this._callJson('nearrt_web_verify', req);
  }
}

/**
 * A local single-shard chain inside the module (nearcore's runtime: blocks of
 * signed transactions, receipts routed to the next block, gas price, state
 * root, witnesses). Requests and block JSON as `nearrt apply`. Present when
 * version().chain is true.
 */
export class LocalChain {
  constructor(runtime) {
    this._rt = runtime;
  }

  _op(name, req) {
    if (!this._rt._core['_nearrt_web_' + name]) {
      return { error: { kind: 'Unsupported', message: 'this build has no chain layer' } };
    }
    return this._rt._callJson('nearrt_web_' + name, req);
  }

  /** Starts a new chain from a genesis ({accounts: [{account_id, amount, test_key_seed, code_base64}], ...}). */
  create(genesis) { return this._op('chain_create', { genesis }); }
  /** Applies one block with `transactions` (nearrt apply's forms); `record` adds the state witness. */
  block(transactions = [], { record = false } = {}) { return this._op('chain_block', { transactions, record }); }
  /** Produces empty blocks until no receipt is pending (at most maxBlocks). */
  idle(maxBlocks = 50) { return this._op('chain_idle', { max_blocks: maxBlocks }); }
  /** A view call on the current state: { return (text or null), return_base64, logs, burnt_gas, err_message? }. */
  view(accountId, method, args = '') {
    const out = this._op('chain_view', { account_id: accountId, method, args: typeof args === 'string' ? args : JSON.stringify(args) });
    if (out.return_base64 !== undefined) out.return = utf8OrNull(fromBase64(out.return_base64));
    return out;
  }
  /** { account: { amount, locked, storage_usage, code_hash? } | null, height, state_root } */
  account(accountId) { return this._op('chain_account', { account_id: accountId }); }
}

/**
 * Instantiates the module. Options: wasmBinary (the .wasm bytes; read from
 * beside this file under node when absent), locateFile (emscripten's).
 */
export async function createRuntime(options = {}) {
  const args = {};
  if (options.wasmBinary) {
    args.wasmBinary = options.wasmBinary;
  } else if (isNode) {
    // Node 20's fetch cannot load file URLs: read the bytes ourselves.
    const fs = await import('node:fs/promises');
    args.wasmBinary = await fs.readFile(new URL('./nearrt_core.wasm', import.meta.url));
  }
  if (options.locateFile) args.locateFile = options.locateFile;
  args.print = options.print || (() => {});
  args.printErr = options.printErr || (() => {});
  const core = await createNearrtCore(args);
  return new NearRuntime(core);
}

export default createRuntime;
