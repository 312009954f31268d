// Prepended to nearrt_core.mjs (emcc --extern-pre-js). emcc 3.1.6's ES-module
// output still uses CommonJS `require` and `__dirname` when it runs under
// node, where an ES module has neither: give it both. Browsers and workers
// skip this (no top-level work, no import of node modules).
var require, __dirname;
if (typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string' &&
    typeof window == 'undefined' && typeof importScripts != 'function') {
  const { createRequire } = await import('module');
  require = createRequire(import.meta.url);
  __dirname = require('path').dirname(require('url').fileURLToPath(import.meta.url));
}
