// Promise-based access to the nearrt runtime running in a worker
// (worker.js): the page stays responsive while a contract runs, and a call
// can be abandoned (the worker is replaced).
//
//   import { RuntimeWorker } from 'nearrt/client';
//   const rt = new RuntimeWorker();             // browsers: a module Web Worker
//   const r = await rt.run({ code, method: 'ft_balance_of', input: '{"account_id":"bob.near"}' });
//   rt.terminate();

function defaultWorker(url) {
  if (typeof Worker === 'undefined') throw new Error('no Worker here: pass a worker factory');
  return new Worker(url, { type: 'module' });
}

export class RuntimeWorker {
  /**
   * options.url: the worker script (default: worker.js beside this file);
   * options.create(url): makes the worker (default: a module Web Worker);
   * options.timeoutMs: default time limit of a call (0: none).
   */
  constructor(options = {}) {
    this._url = options.url || new URL('./worker.js', import.meta.url);
    this._create = options.create || defaultWorker;
    this.timeoutMs = options.timeoutMs || 0;
    this._nextId = 1;
    this._pending = new Map();
    this._start();
  }

  _start() {
    const w = this._create(this._url);
    this._worker = w;
    let readyResolve;
    this.ready = new Promise((r) => { readyResolve = r; });
    const onMessage = (data) => {
      if (data && data.id === 0) { readyResolve(!!data.ready); return; }
      const p = this._pending.get(data.id);
      if (!p) return;
      this._pending.delete(data.id);
      clearTimeout(p.timer);
      p.resolve(data.error ? { error: data.error } : data.result);
      if (this.onTiming && data.ms !== undefined) this.onTiming(p.op, data.ms);
    };
    if (typeof w.addEventListener === 'function') {
      w.addEventListener('message', (e) => onMessage(e.data));
      w.addEventListener('error', (e) => this._failAll('WorkerError', (e && e.message) || 'worker error'));
    } else {
      w.on('message', onMessage);
      w.on('error', (e) => this._failAll('WorkerError', String(e && e.message)));
    }
    // A replaced worker gets the config the old one had.
    if (this._config) this.call('loadConfig', [this._config]);
  }

  _failAll(kind, message) {
    for (const [, p] of this._pending) {
      clearTimeout(p.timer);
      p.resolve({ error: { kind, message } });
    }
    this._pending.clear();
  }

  /** Calls `op` with `args` in the worker; resolves to its value (never rejects). */
  call(op, args = [], { timeoutMs } = {}) {
    const id = this._nextId++;
    const limit = timeoutMs ?? this.timeoutMs;
    return new Promise((resolve) => {
      const p = { resolve, op, timer: null };
      if (limit > 0) {
        p.timer = setTimeout(() => this.cancel(`${op} took longer than ${limit} ms`), limit);
      }
      this._pending.set(id, p);
      this._worker.postMessage({ id, op, args });
    });
  }

  /** Abandons every pending call (they resolve to a Cancelled error) and starts a fresh worker. */
  cancel(message = 'cancelled') {
    this._worker.terminate();
    this._failAll('Cancelled', message);
    this._start();
  }

  terminate() {
    this._worker.terminate();
    this._failAll('Cancelled', 'terminated');
  }

  /** The worker's local chain (see nearrt.js LocalChain); every method returns a promise. */
  get chain() {
    const call = (op) => (...args) => this.call('chain.' + op, args);
    return { create: call('create'), block: call('block'), idle: call('idle'), view: call('view'), account: call('account') };
  }

  version() { return this.call('version'); }
  loadConfig(req) {
    this._config = req;
    return this.call('loadConfig', [req]);
  }
  parameters() { return this.call('parameters'); }
  run(req, opts) { return this.call('run', [req], opts); }
  runJson(req, opts) { return this.call('runJson', [req], opts); }
  resumeYield(req, opts) { return this.call('resumeYield', [req], opts); }
  exports(code) { return this.call('exports', [code]); }
  methods(code) { return this.call('methods', [code]); }
  stateRoot(req) { return this.call('stateRoot', [req]); }
  prove(req) { return this.call('prove', [req]); }
  verify(req) { return this.call('verify', [req]); }
}
