// Determinism: the scenario suite through the native `nearrt run` and
// through the emcc build (the web package under node) must give
// byte-identical output JSON.
//
//   node web/test/determinism.mjs --nearrt build/release/nearrt --pkg build/wasm/web/pkg \
//        --shared ../shared --contracts build/wasm/web/contracts
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

import { loadSuite, nativeRunner, runSuite } from './suite.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    nearrt: { type: 'string' }, pkg: { type: 'string' }, shared: { type: 'string' },
    contracts: { type: 'string' }, verbose: { type: 'boolean', default: false },
  },
});
for (const k of ['nearrt', 'pkg', 'shared', 'contracts']) {
  if (!opt[k]) { console.error(`determinism: --${k} is required`); process.exit(2); }
}

const { createRuntime } = await import(pathToFileURL(resolve(opt.pkg, 'nearrt.js')).href);
const rt = await createRuntime();
const suite = loadSuite(join(here, 'scenarios.json'), { shared: opt.shared, contracts: opt.contracts });

const native = await runSuite(suite, nativeRunner(opt.nearrt));
const web = await runSuite(suite, (req) => rt.runJson(req));

let same = 0;
const failed = [];
for (let i = 0; i < native.length; i++) {
  const a = native[i];
  const b = web[i];
  let ok = a.text === b.text;
  // A suite whose calls all broke the same way would prove nothing.
  if (ok && !a.text.startsWith('{"outcome":')) ok = false;
  if (ok) same++;
  else failed.push(a.name);
  if (!ok || opt.verbose) {
    console.log(`${ok ? 'same' : 'DIFFERENT'}  ${a.name}`);
    if (!ok) console.log(`  native: ${a.text.slice(0, 400)}\n  web:    ${b.text.slice(0, 400)}`);
  }
}
const withErr = native.filter((r) => /"err":\{/.test(r.text)).length;
console.log(`determinism: ${same} of ${native.length} calls byte-identical ` +
            `(${native.length - withErr} succeeded, ${withErr} with a contract error)`);
console.log(`${same} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
