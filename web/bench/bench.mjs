// The kernel and contract-call benchmarks through the emcc build (the web
// package under node) beside the native build (`nearrt run`), in one run.
//
//   node web/bench/bench.mjs --nearrt build/release/nearrt --pkg build/wasm/web/pkg \
//        --shared ../shared [--users 20] [--repeat 3] [--kernels fib,sieve]
//
// Both sides do the same work per call: prepare the contract (no cache), run
// it, and build the output JSON; the native time is what `nearrt run
// --timings` reports (prepare + instantiate + call, no process start), the
// web time is performance.now() around runJson (which also parses the
// request and formats the output). Every call's output must be identical on
// both sides. Times are best of --repeat; compare the ratios, not the
// absolute numbers, on a shared machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const { values: opt } = parseArgs({
  options: {
    nearrt: { type: 'string' }, pkg: { type: 'string' }, shared: { type: 'string', default: join(repo, '..', 'shared') },
    users: { type: 'string', default: '20' }, repeat: { type: 'string', default: '3' },
    kernels: { type: 'string', default: '' }, clang: { type: 'string', default: 'clang' },
  },
});
if (!opt.nearrt || !opt.pkg) {
  console.error('bench: --nearrt and --pkg are required');
  process.exit(2);
}
const repeat = Number(opt.repeat);
const tmp = mkdtempSync(join(tmpdir(), 'nearrt-web-bench-'));

// bench/engines' quick parameters. No bulkcopy: NEAR (PV86) has no bulk-memory
// instructions, and hostcall needs the benchmark's own host functions.
const KERNELS = [
  ['fib', 'run_fib', 27], ['sieve', 'run_sieve', 2], ['sha256', 'run_sha256', 40], ['i64mix', 'run_i64mix', 2000000],
  ['matmul', 'run_matmul', 2], ['memcopy', 'run_memcopy', 5000],
  ['float', 'run_float', 60], ['interp', 'run_interp', 3000],
].filter(([name]) => !opt.kernels || opt.kernels.split(',').includes(name));

function buildKernel([name, fn, param, flags = []]) {
  const out = join(tmp, `${name}.wasm`);
  execFileSync(opt.clang, ['--target=wasm32', '-O2', '-fno-builtin', '-nostdlib', '-Wl,--no-entry', '-Wl,--strip-all',
    ...flags, `-DKERNEL=${fn}`, `-DPARAM=${param}`, '-o', out,
    join(opt.shared, 'bench', 'kernels', 'kernels.c'), join(repo, 'bench', 'engines', 'kernels', 'extra.c'),
    join(here, 'kernel_entry.c')]);
  return new Uint8Array(readFileSync(out));
}

const BIG_GAS = { context: { prepaid_gas: 1e18 }, config: { limit_config: { max_gas_burnt: 1e18 } } };

// ---------------------------------------------------------------- runners
const files = new Map();
function nativeCall(req) {
  if (!files.has(req.code)) {
    const f = join(tmp, `c${files.size}.wasm`);
    writeFileSync(f, req.code);
    files.set(req.code, f);
  }
  const args = ['run', '--timings', '--wasm-file', files.get(req.code), '--method-name', req.method];
  if (req.input !== undefined) args.push('--input', req.input);
  if (req.context) args.push('--context', JSON.stringify(req.context));
  if (req.state && Object.keys(req.state).length) args.push('--state', JSON.stringify(req.state));
  if (req.config) args.push('--config', JSON.stringify(req.config));
  const r = spawnSync(opt.nearrt, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /run \(prepare \+ instantiate \+ call\): ([\d.]+) ms/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`nearrt run failed: ${r.stderr}`);
  return { text: r.stdout.replace(/\n$/, ''), ms: Number(m[1]) };
}

const { createRuntime, parseJson } = await import(pathToFileURL(resolve(opt.pkg, 'nearrt.js')).href);
const rt = await createRuntime();
function webCall(req) {
  const t0 = performance.now();
  const text = rt.runJson({ ...req, cache: false });
  return { text, ms: performance.now() - t0 };
}

// One workload = a list of calls (a sequence with state carried between them).
function runWorkload(calls, call) {
  let state = {};
  let ms = 0;
  const texts = [];
  for (const c of calls) {
    const r = call({ ...c, state: c.state || state });
    ms += r.ms;
    texts.push(r.text);
    const out = parseJson(r.text);
    if (out.err !== null) throw new Error(`${c.method} failed: ${out.err_message}`);
    if (!c.view) state = out.state;
  }
  return { ms, texts };
}

function best(calls, call) {
  let min = Infinity;
  let texts;
  for (let i = 0; i < repeat; i++) {
    const r = runWorkload(calls, call);
    min = Math.min(min, r.ms);
    texts = r.texts;
  }
  return { ms: min, texts };
}

// ---------------------------------------------------------------- workloads
const workloads = KERNELS.map((k) => ({ name: k[0], calls: [{ code: buildKernel(k), method: 'run', ...BIG_GAS }] }));

const ft = new Uint8Array(readFileSync(join(opt.shared, 'testdata', 'contracts',
  'runtime__runtime-params-estimator__res__fungible_token.wasm')));
const ctx = (caller, deposit = '0') => ({ current_account_id: 'ft.near', predecessor_account_id: caller,
  signer_account_id: caller, attached_deposit: deposit, prepaid_gas: 300000000000000 });
const ftCalls = [{ code: ft, method: 'new_default_meta', input: '{"owner_id":"owner.near","total_supply":"1000000000000"}',
                   context: ctx('owner.near') }];
for (let u = 0; u < Number(opt.users); u++) {
  const user = `user${u}.near`;
  ftCalls.push({ code: ft, method: 'storage_deposit', input: JSON.stringify({ account_id: user }),
                 context: ctx('owner.near', '1250000000000000000000') });
  ftCalls.push({ code: ft, method: 'ft_transfer', input: JSON.stringify({ receiver_id: user, amount: String(1000 + u) }),
                 context: ctx('owner.near', '1') });
  ftCalls.push({ code: ft, method: 'ft_balance_of', input: JSON.stringify({ account_id: user }), context: ctx(user), view: true });
}
workloads.push({ name: `contract (FT, ${ftCalls.length} calls)`, calls: ftCalls });

// ---------------------------------------------------------------- run
const wasmPath = join(opt.pkg, 'nearrt_core.wasm');
const wasmBytes = readFileSync(wasmPath);
const gz = gzipSync(wasmBytes, { level: 9 }).length;
const jsBytes = statSync(join(opt.pkg, 'nearrt_core.mjs')).size;
console.log(`# nearrt web benchmark: emcc build under node ${process.version} vs native nearrt`);
console.log(`# load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; best of ${repeat}`);
console.log(`# package: nearrt_core.wasm ${wasmBytes.length} bytes (${gz} gzipped, level 9), nearrt_core.mjs ${jsBytes} bytes`);
console.log('');
// V8 runs new wasm code in its baseline tier (Liftoff) and optimizes hot
// functions (TurboFan) in the background; the interpreter's big dispatch
// function takes seconds to optimize. The first pass over every workload is
// reported apart (what a freshly loaded page sees); the table is steady state.
const t0 = performance.now();
const cold = workloads.map((w) => runWorkload(w.calls, webCall).ms);
console.log(`# first pass over all workloads (emcc, incl. V8 tier-up): ${(performance.now() - t0).toFixed(0)} ms`);
console.log('');
console.log('| workload | native ms | emcc/node ms | ratio | emcc first pass ms |');
console.log('|---|---:|---:|---:|---:|');
const ratios = [];
let mismatches = 0;
workloads.forEach((w, i) => {
  const n = best(w.calls, nativeCall);
  const e = best(w.calls, webCall);
  const same = n.texts.every((t, j) => t === e.texts[j]);
  if (!same) mismatches++;
  const ratio = e.ms / n.ms;
  ratios.push(ratio);
  console.log(`| ${w.name} | ${n.ms.toFixed(1)} | ${e.ms.toFixed(1)} | ${ratio.toFixed(2)}x${same ? '' : ' (OUTPUT DIFFERS)'} | ` +
              `${cold[i].toFixed(1)} |`);
});
const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
console.log('');
console.log(`geometric mean emcc/native: ${geo.toFixed(2)}x (target <= 2.5x); max ${Math.max(...ratios).toFixed(2)}x`);
console.log(`outputs identical on both sides: ${workloads.length - mismatches} of ${workloads.length} workloads`);
process.exit(mismatches ? 1 : 0);
