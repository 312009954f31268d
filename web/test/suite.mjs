// The scenario suite (scenarios.json) as a list of calls, run through any
// "runner" (a function from a run request to the output text of
// `nearrt run`): the native CLI or the web package.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseJson } from '../src/util.js';

const tmp = mkdtempSync(join(tmpdir(), 'nearrt-web-suite-'));

function wat2wasm(wat) {
  const src = join(tmp, 'v.wat');
  const out = join(tmp, 'v.wasm');
  writeFileSync(src, wat);
  // Some vectors are invalid modules on purpose: no validation here.
  execFileSync('wat2wasm', ['--no-check', '--debug-names', src, '-o', out]);
  return new Uint8Array(readFileSync(out));
}

function hexBytes(hex) {
  return new Uint8Array((hex.match(/../g) || []).map((b) => parseInt(b, 16)));
}

/** Loads scenarios.json; `dirs` = { shared, contracts } resolve "shared:" and "example:" contracts. */
export function loadSuite(path, dirs) {
  const suite = JSON.parse(readFileSync(path, 'utf8'));
  const code = (ref) => {
    const [kind, file] = ref.split(':');
    const dir = kind === 'shared' ? join(dirs.shared, 'testdata', 'contracts') : dirs.contracts;
    return new Uint8Array(readFileSync(join(dir, file)));
  };
  const vectors = suite.vectors.map((v) => ({
    name: v.name,
    code: v.wat !== undefined ? wat2wasm(v.wat) : hexBytes(v.code_hex),
    method: v.method,
    context: Object.assign({}, suite.vector_context, v.context),
  }));
  const sequences = suite.sequences.map((s) => ({ ...s, code: code(s.contract) }));
  return { vectors, sequences };
}

/**
 * Runs every call of the suite through `runner(req) -> text` and returns
 * [{ name, text }] in order. Sequence steps carry state, storage_usage and
 * balance from the last successful step (a failed call changes nothing, as
 * in the runtime).
 */
export async function runSuite(suite, runner) {
  const results = [];
  for (const v of suite.vectors) {
    results.push({ name: v.name, text: await runner({ code: v.code, method: v.method, context: v.context }) });
  }
  for (const seq of suite.sequences) {
    let state = {};
    const carried = {};
    for (const step of seq.steps) {
      const context = Object.assign({}, seq.context, carried, step.context || {});
      const req = { code: seq.code, method: step.method, context, state: step.state || state };
      if (step.input !== undefined) req.input = step.input;
      if (step.promise_results) req.promiseResults = step.promise_results;
      if (step.config) req.config = step.config;
      const text = await runner(req);
      results.push({ name: `${seq.name}/${step.name}`, text });
      const out = parseJson(text);
      if (out.outcome && out.err === null && !(step.context && step.context.is_view)) {
        state = out.state;
        carried.storage_usage = out.outcome.storage_usage;
        carried.account_balance = out.outcome.balance;
      }
    }
  }
  return results;
}

/** A runner over the native `nearrt run` binary (one process per call). */
export function nativeRunner(nearrt) {
  const files = new Map();
  return (req) => {
    const hash = createHash('sha256').update(req.code).digest('hex');
    if (!files.has(hash)) {
      const f = join(tmp, hash + '.wasm');
      writeFileSync(f, req.code);
      files.set(hash, f);
    }
    const args = ['run', '--wasm-file', files.get(hash), '--method-name', req.method];
    if (req.input !== undefined) args.push('--input', req.input);
    if (req.context) args.push('--context', JSON.stringify(req.context));
    if (req.state && Object.keys(req.state).length) args.push('--state', JSON.stringify(req.state));
    for (const pr of req.promiseResults || []) args.push('--promise-results', JSON.stringify(pr));
    if (req.config) args.push('--config', JSON.stringify(req.config));
    const r = spawnSync(nearrt, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) return `nearrt run exited ${r.status}: ${r.stderr}`;
    return r.stdout.replace(/\n$/, '');
  };
}
