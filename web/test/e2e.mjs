// End-to-end: the playground served from localhost in Debian's chromium,
// driven by playwright-core. Runs the fungible-token flow (new,
// storage_deposit, ft_transfer, ft_balance_of) and the yield walkthrough
// through the UI, asserts on what the page shows, and saves a screenshot.
//
//   node web/test/e2e.mjs --root build/wasm/web/playground --screenshot out.png
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

const { values: opt } = parseArgs({
  options: {
    root: { type: 'string' }, screenshot: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!opt.root || !existsSync(join(opt.root, 'index.html'))) {
  console.error('e2e: --root must be the assembled playground (build the web_playground target)');
  process.exit(2);
}
if (!existsSync(opt.chromium)) {
  console.error(`e2e: ${opt.chromium} is missing (web/setup.sh installs Debian's chromium)`);
  process.exit(2);
}

const shot = opt.screenshot || 'playground-e2e.png';

// ---------------------------------------------------------------- static server
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
                '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(opt.root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------- checks
let passed = 0;
const failures = [];
function check(name, cond, detail = '') {
  if (cond) { passed++; console.log(`ok    ${name}`); }
  else { failures.push(name); console.log(`FAIL  ${name} ${detail}`); }
}

const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
});
const pageErrors = [];
const foreign = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.setDefaultTimeout(60000);

  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('body[data-ready="1"]');
  check('runtime loads in a worker', (await page.textContent('[data-testid=status]')).includes('ready'));

  await page.selectOption('[data-testid=example]', 'fungible_token');
  await page.waitForSelector('[data-testid=methods] button:has-text("ft_transfer")');
  const methods = await page.$$eval('[data-testid=methods] button', (bs) => bs.map((b) => b.textContent));
  check('exported methods are listed', ['new', 'storage_deposit', 'ft_transfer', 'ft_balance_of'].every((m) => methods.includes(m)),
        JSON.stringify(methods));

  let calls = 0;
  async function call({ method, args, caller = 'alice.near', deposit = '0', view = false, gasTgas = '300' }) {
    await page.fill('[data-testid=account]', 'ft.near');
    await page.fill('[data-testid=caller]', caller);
    await page.fill('[data-testid=deposit]', deposit);
    await page.fill('[data-testid=gas]', gasTgas);
    await page.setChecked('[data-testid=view]', view);
    await page.selectOption('[data-testid=method]', method);
    await page.fill('[data-testid=args]', JSON.stringify(args));
    await page.click('[data-testid=call]');
    calls++;
    await page.waitForSelector(`body[data-calls="${calls}"]`);
    return {
      status: await page.textContent('[data-testid=outcome-status]'),
      ret: await page.textContent('[data-testid=return-value]'),
      logs: await page.$$eval('[data-testid=logs] li', (ls) => ls.map((l) => l.textContent)),
      burnt: await page.textContent('[data-testid=gas-burnt]'),
      bars: await page.$$eval('[data-testid=profile] .bar-row', (rs) => rs.length),
      stateRows: await page.$$eval('#state-rows tr', (rs) => rs.map((r) => r.textContent)),
      root: await page.textContent('[data-testid=state-root]'),
    };
  }

  const init = await call({ method: 'new', args: { owner_id: 'alice.near', total_supply: '1000000',
    metadata: { spec: 'ft-1.0.0', name: 'Playground Token', symbol: 'PLAY', decimals: 6 } } });
  check('new succeeds', init.status.includes('success'), init.status);
  check('gas burnt is shown in Tgas', /^\d+\.\d{4} Tgas \([\d,]+\)$/.test(init.burnt.trim()), init.burnt);
  check('the gas profile chart has bars', init.bars >= 5, String(init.bars));
  check('the state table shows the token state', init.stateRows.length >= 2 && !init.stateRows[0].includes('empty'),
        JSON.stringify(init.stateRows));
  check('a state root is shown', /^[1-9A-HJ-NP-Za-km-z]{43,44}$/.test(init.root.trim()) &&
        init.root.trim() !== '11111111111111111111111111111111', init.root);

  const dep = await call({ method: 'storage_deposit', args: { account_id: 'bob.near' }, deposit: '1250000000000000000000' });
  check('storage_deposit registers bob', dep.ret.includes('"total":"1250000000000000000000"'), dep.ret);
  check('the state root changes', dep.root !== init.root);

  const tr = await call({ method: 'ft_transfer', args: { receiver_id: 'bob.near', amount: '1000' }, deposit: '1' });
  check('ft_transfer succeeds and logs the NEP-141 event', tr.status.includes('success') &&
        tr.logs.some((l) => l.includes('"event":"ft_transfer"') && l.includes('"amount":"1000"')), JSON.stringify(tr.logs));

  const bob = await call({ method: 'ft_balance_of', args: { account_id: 'bob.near' }, view: true });
  check('ft_balance_of bob shows "1000"', bob.ret.trim() === '"1000"', bob.ret);
  await page.screenshot({ path: shot, fullPage: true });
  const alice = await call({ method: 'ft_balance_of', args: { account_id: 'alice.near' }, view: true });
  check('ft_balance_of alice shows "999000"', alice.ret.trim() === '"999000"', alice.ret);

  const bad = await call({ method: 'ft_transfer', args: { receiver_id: 'bob.near', amount: '1' } });
  check('a panic is shown with nearcore\'s message', bad.status.includes('Requires attached deposit of exactly 1 yoctoNEAR') &&
        bad.status.includes('GuestPanic'), bad.status);
  const history = await page.$$eval('[data-testid=history] li', (ls) => ls.length);
  check('the history lists every call', history === calls, String(history));

  // The yield walkthrough.
  await page.click('[data-testid=yield-load]');
  await page.waitForSelector('[data-testid=methods] button:has-text("on_answer")');
  await page.fill('[data-testid=yield-question]', 'what is 6*7?');
  await page.click('[data-testid=yield-ask]');
  calls++;
  await page.waitForSelector(`body[data-calls="${calls}"]`);
  const dataId = await page.textContent('[data-testid=yield-data-id]');
  check('the pending yield shows its data id', dataId.trim() === 'CoRutESHXR94goeNsP5Za7RKyKrK8AYLQa4PwvT2934w', dataId);
  await page.screenshot({ path: shot.replace(/\.png$/, '-yield-pending.png'), fullPage: true });
  await page.fill('[data-testid=yield-payload]', '42');
  await page.click('[data-testid=yield-resume]');
  await page.waitForSelector('[data-testid=callback-result]');
  const cb = await page.textContent('[data-testid=callback-result]');
  check('resume runs the callback, which returns the payload', cb === '42', cb);
  const cbLogs = await page.$$eval('[data-testid=logs] li', (ls) => ls.map((l) => l.textContent));
  check('the callback logs the answer', cbLogs.includes("answer to 'what is 6*7?': 42"), JSON.stringify(cbLogs));
  check('no yield is pending after the callback', (await page.textContent('#yield-rows')).includes('none'));
  await page.screenshot({ path: shot.replace(/\.png$/, '-yield.png'), fullPage: true });

  // Your own .wasm: a method that loops until its gas runs out. The page stays
  // responsive while the worker runs it, and Stop abandons it.
  const spin = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                            7, 8, 1, 4, 0x6d, 0x61, 0x69, 0x6e, 0, 0, 10, 9, 1, 7, 0, 3, 0x40, 0x0c, 0, 0x0b, 0x0b]);
  await page.setInputFiles('[data-testid=wasm-file]', { name: 'spin.wasm', mimeType: 'application/wasm', buffer: spin });
  await page.waitForSelector('[data-testid=methods] button:has-text("main")');
  check('an uploaded contract lists its methods', (await page.textContent('[data-testid=contract-info]')).startsWith('spin.wasm: 39 bytes, 1 methods'));
  await page.fill('[data-testid=gas]', '300');
  await page.selectOption('[data-testid=method]', 'main');
  const c0 = Number(await page.getAttribute('body', 'data-calls'));
  await page.click('[data-testid=call]');
  await page.waitForSelector('body[data-busy="1"]');
  const t0 = Date.now();
  const answered = await page.evaluate(() => new Promise((r) => setTimeout(() => r(document.body.dataset.busy), 50)));
  check('the page answers while a contract runs in the worker', answered === '1' && Date.now() - t0 < 2000, `${answered} ${Date.now() - t0} ms`);
  await page.click('[data-testid=stop]');
  await page.waitForSelector(`body[data-calls="${c0 + 1}"]`);
  check('Stop abandons the call', (await page.textContent('[data-testid=outcome-status]')).includes('Cancelled'));
  await page.fill('[data-testid=gas]', '1');
  await page.click('[data-testid=call]');
  await page.waitForSelector(`body[data-calls="${c0 + 2}"]`);
  const spun = await page.textContent('[data-testid=outcome-status]');
  check('the replaced worker runs the next call (out of gas at 1 Tgas)', spun.includes('Exceeded the prepaid gas'), spun);

  check('no page errors', pageErrors.length === 0, JSON.stringify(pageErrors));
  check('no request leaves localhost', foreign.length === 0, JSON.stringify(foreign));
} catch (e) {
  failures.push('exception');
  console.log('FAIL  ' + (e && e.stack || e));
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshots: ${shot} (fungible token), ${shot.replace(/\.png$/, '-yield-pending.png')}, ${shot.replace(/\.png$/, '-yield.png')}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
