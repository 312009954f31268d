// The nearrt runtime in a Web Worker (or a node worker thread), so that a
// long contract call never blocks the page. Messages:
//   in:  { id, op, args }   op: a NearRuntime method name (run, runJson,
//                           resumeYield, exports, methods, loadConfig, ...)
//   out: { id, result }     the method's return value (errors are values)
//        { id, error }      only if the op does not exist or the module failed to load
// client.js wraps this in promises.
import { createRuntime } from './nearrt.js';

const OPS = new Set(['version', 'loadConfig', 'parameters', 'run', 'runJson', 'resumeYield', 'exports',
                     'methods', 'stateRoot', 'prove', 'verify',
                     'chain.create', 'chain.block', 'chain.idle', 'chain.view', 'chain.account']);

async function serve(post, subscribe) {
  let runtime = null;
  let loadError = null;
  let lastConfig = null;
  const load = () => createRuntime().then((rt) => {
    runtime = rt;
    if (lastConfig) rt.loadConfig(lastConfig);
  }, (e) => { loadError = e; });
  let ready = load();
  subscribe(async (msg) => {
    const { id, op, args } = msg || {};
    await ready;
    if (loadError) {
      post({ id, error: { kind: 'LoadError', message: String(loadError.message || loadError) } });
    } else if (!OPS.has(op)) {
      post({ id, error: { kind: 'InvalidInput', message: 'unknown operation ' + op } });
    } else {
      const t0 = performance.now();
      const [target, name] = op.startsWith('chain.') ? [runtime.chain, op.slice(6)] : [runtime, op];
      const result = target[name](...(Array.isArray(args) ? args : []));
      if (op === 'loadConfig' && result && !result.error) lastConfig = args[0];
      post({ id, result, ms: performance.now() - t0 });
      // A module that hit an internal error is replaced (its chain is lost).
      if (runtime.broken) ready = load();
    }
  });
  await ready;
  post({ id: 0, ready: !loadError, error: loadError ? String(loadError.message || loadError) : undefined });
}

if (typeof self !== 'undefined' && typeof self.postMessage === 'function') {
  serve((m) => self.postMessage(m), (f) => { self.onmessage = (e) => f(e.data); });
} else {
  const { parentPort } = await import('node:worker_threads');
  if (parentPort) serve((m) => parentPort.postMessage(m), (f) => parentPort.on('message', f));
}
