// The nearrt playground: pick a contract, call its methods with a context,
// see what nearcore's VM would return, log and charge, the contract's state
// and its state root, and walk through a promise yield and its resumption.
// Everything runs in a Web Worker (pkg/worker.js) through pkg/client.js.
import { RuntimeWorker } from './pkg/client.js';
import { fromBase64, stateRows } from './pkg/util.js';

const $ = (id) => document.getElementById(id);
const TGAS = 1_000_000_000_000n;

const FT_METADATA = { spec: 'ft-1.0.0', name: 'Playground Token', symbol: 'PLAY', decimals: 6 };
const EXAMPLES = {
  fungible_token: {
    file: 'contracts/fungible_token.wasm', account: 'ft.near', caller: 'alice.near',
    presets: [
      { label: 'new', method: 'new', caller: 'alice.near',
        args: { owner_id: 'alice.near', total_supply: '1000000', metadata: FT_METADATA } },
      { label: 'storage_deposit bob', method: 'storage_deposit', caller: 'alice.near',
        deposit: '1250000000000000000000', args: { account_id: 'bob.near' } },
      { label: 'ft_transfer 1000 → bob', method: 'ft_transfer', caller: 'alice.near', deposit: '1',
        args: { receiver_id: 'bob.near', amount: '1000' } },
      { label: 'ft_balance_of bob', method: 'ft_balance_of', view: true, args: { account_id: 'bob.near' } },
      { label: 'ft_balance_of alice', method: 'ft_balance_of', view: true, args: { account_id: 'alice.near' } },
      { label: 'ft_total_supply', method: 'ft_total_supply', view: true, args: {} },
      { label: 'ft_metadata', method: 'ft_metadata', view: true, args: {} },
    ],
  },
  status_message: {
    file: 'contracts/status_message.wasm', account: 'status.near', caller: 'bob.near',
    presets: [
      { label: 'set_status', method: 'set_status', args: { message: 'hello from the browser' } },
      { label: 'get_status bob', method: 'get_status', view: true, args: { account_id: 'bob.near' } },
    ],
  },
  greeter: {
    file: 'contracts/greeter.wasm', account: 'greeter.near', caller: 'bob.near',
    presets: [
      { label: 'set_greeting', method: 'set_greeting', args: 'Hello, browser!' },
      { label: 'get_greeting', method: 'get_greeting', view: true, args: '' },
    ],
  },
  yielder: {
    file: 'contracts/yielder.wasm', account: 'oracle.near', caller: 'bob.near',
    presets: [
      { label: 'ask', method: 'ask', args: 'what is 6*7?' },
      { label: 'answer', method: 'answer', args: '42' },
      { label: 'get_answer', method: 'get_answer', view: true, args: '' },
    ],
  },
};

// ------------------------------------------------------------------ session
const session = {
  name: '', code: null, methods: [], state: {}, storageUsage: undefined, balance: undefined,
  pendingYields: [], calls: 0,
};
const rt = new RuntimeWorker();
let lastMs = null;
rt.onTiming = (op, ms) => { if (op === 'run' || op === 'resumeYield') lastMs = ms; };

// ------------------------------------------------------------------ formatting
function printable(bytes) {
  let s = '';
  for (const b of bytes) {
    s += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : '\\x' + b.toString(16).padStart(2, '0');
  }
  return s;
}

// Text as is when it is UTF-8 without control characters, else escaped bytes.
function shown(text, b64) {
  // eslint-disable-next-line no-control-regex
  if (text !== null && !/[\u0000-\u001f\u007f]/.test(text)) return text;
  return printable(fromBase64(b64));
}

function gasText(g) {
  const n = BigInt(g);
  const tgas = Number(n) / 1e12;
  return `${tgas.toFixed(4)} Tgas (${n.toLocaleString('en-US')})`;
}

function returnText(rd) {
  if (!rd || rd === 'None') return '(none)';
  if (rd.Value !== undefined) return rd.Value;
  if (rd.ValueBase64 !== undefined) return `(bytes, base64) ${rd.ValueBase64}`;
  if (rd.ReceiptIndex !== undefined) return `(a promise: the result comes from receipt ${rd.ReceiptIndex})`;
  return JSON.stringify(rd);
}

function errorPath(err) {
  const path = [];
  let e = err;
  while (e && typeof e === 'object' && Object.keys(e).length === 1 && /^[A-Z]/.test(Object.keys(e)[0])) {
    const k = Object.keys(e)[0];
    path.push(k);
    e = e[k];
  }
  if (typeof e === 'string') path.push(e);
  return path.join(' › ');
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data')) e.setAttribute(k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

// ------------------------------------------------------------------ contract
async function loadContract(name, bytes, label) {
  session.name = name;
  session.code = bytes;
  session.state = {};
  session.storageUsage = undefined;
  session.balance = undefined;
  session.pendingYields = [];
  const ex = await rt.exports(bytes);
  const info = $('contract-info');
  if (ex.error) {
    info.textContent = `${label}: not a valid contract (${ex.error.message})`;
    info.className = 'bad';
    session.code = null;
    $('call').disabled = true;
    return;
  }
  session.methods = ex.exports.filter((e) => e.callable).map((e) => e.name);
  const imports = ex.imports.filter((i) => i.module === 'env').length;
  info.className = 'muted';
  info.textContent = `${label}: ${bytes.length.toLocaleString('en-US')} bytes, ${session.methods.length} methods, ` +
                     `${imports} host functions imported`;
  const chips = $('methods');
  chips.replaceChildren(...session.methods.map((m) => {
    const b = el('button', { type: 'button', class: 'chip', textContent: m });
    b.addEventListener('click', () => { $('method').value = m; });
    return b;
  }));
  $('method').replaceChildren(...session.methods.map((m) => el('option', { value: m, textContent: m })));
  const preset = EXAMPLES[name];
  $('presets').replaceChildren(...(preset ? preset.presets : []).map((p) => {
    const b = el('button', { type: 'button', class: 'chip preset', textContent: p.label, dataPreset: p.label });
    b.addEventListener('click', () => applyPreset(p));
    return b;
  }));
  if (preset) {
    $('account').value = preset.account;
    $('caller').value = preset.caller;
    applyPreset(preset.presets[0]);
  } else {
    $('args').value = '{}';
  }
  $('call').disabled = false;
  renderState();
  renderYields();
}

function applyPreset(p) {
  $('method').value = p.method;
  $('args').value = typeof p.args === 'string' ? p.args : JSON.stringify(p.args);
  $('deposit').value = p.deposit || '0';
  $('view').checked = !!p.view;
  if (p.caller) $('caller').value = p.caller;
}

async function loadExample(name) {
  if (!EXAMPLES[name]) return;
  const resp = await fetch(EXAMPLES[name].file);
  const bytes = new Uint8Array(await resp.arrayBuffer());
  await loadContract(name, bytes, $('example').selectedOptions[0].textContent);
}

// ------------------------------------------------------------------ calls
function baseContext() {
  const caller = $('caller').value.trim();
  const ctx = {
    current_account_id: $('account').value.trim(),
    predecessor_account_id: caller,
    signer_account_id: caller,
    attached_deposit: $('deposit').value.trim() || '0',
  };
  const gas = $('gas').value.trim();
  if (gas !== '') ctx.prepaid_gas = (BigInt(Math.round(Number(gas) * 1000)) * TGAS / 1000n).toString();
  if (session.storageUsage !== undefined) ctx.storage_usage = session.storageUsage;
  if (session.balance !== undefined) ctx.account_balance = session.balance;
  return ctx;
}

function setBusy(busy) {
  document.body.dataset.busy = busy ? '1' : '0';
  $('call').disabled = busy || !session.code;
  $('stop').hidden = !busy;
}

// Runs a request (run or resumeYield) and shows it; returns the result.
async function execute(op, req, title, view) {
  setBusy(true);
  lastMs = null;
  $('result-title').textContent = `${title} — running…`;
  const res = await (op === 'run' ? rt.run(req) : rt.resumeYield(req));
  setBusy(false);
  session.calls++;
  const ok = !res.error && res.outcome && res.err === null;
  if (ok && !view) {
    session.state = res.state;
    session.storageUsage = res.outcome.storage_usage;
    session.balance = res.outcome.balance;
  }
  await showResult(res, title);
  addHistory(title, res);
  return res;
}

async function callMethod(method, input, { view = false, title, afterCall } = {}) {
  const context = baseContext();
  if (view) context.is_view = true;
  const req = { code: session.code, method, input, context, state: session.state,
                pendingYields: session.pendingYields.map((y) => y.dataId) };
  const res = await execute('run', req, title || `${method}(${input.length > 60 ? input.slice(0, 57) + '…' : input})`, view);
  if (afterCall) afterCall(res);
  if (!res.error && res.err === null && !view) {
    for (const y of res.yields) session.pendingYields.push({ ...y, createdBy: method });
    renderYields();
    for (const r of res.resumes) await runCallback(r.dataId, { payload: fromBase64(r.payloadBase64), by: method });
  }
  await renderState();
  bump();
  return res;
}

// The runtime delivers a resumption (or a timeout) to the yield's callback.
async function runCallback(dataId, { payload, timeout = false, by }) {
  const i = session.pendingYields.findIndex((y) => y.dataId === dataId);
  if (i < 0) return null;
  const y = session.pendingYields[i];
  session.pendingYields.splice(i, 1);
  renderYields();
  const context = baseContext();
  delete context.attached_deposit;
  const how = timeout ? 'timed out' : `resumed${by ? ' by ' + by : ''}`;
  const res = await execute('resumeYield', { code: session.code, yield: y, payload, timeout, context, state: session.state },
                            `callback ${y.method} (yield ${how})`, false);
  await renderState();
  yieldStep(`Callback <code>${y.method}</code> ran with promise result ` +
            (timeout ? '<code>Failed</code> (timeout)' : `<code>Successful(${escapeHtml(new TextDecoder().decode(payload))})</code>`) +
            ` → ${res.err === null ? 'returned <b data-testid="callback-result">' + escapeHtml(returnText(res.outcome.return_data)) + '</b>'
                                    : 'failed: ' + escapeHtml(res.err_message || '')}`);
  bump();
  return res;
}

// Tells watchers (the e2e test) that a call and everything it shows is done.
function bump() {
  document.body.dataset.calls = String(session.calls);
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

// ------------------------------------------------------------------ rendering
async function showResult(res, title) {
  $('result-title').textContent = title;
  const status = $('outcome-status');
  $('raw').textContent = JSON.stringify(res, null, 1);
  if (res.error) {
    status.className = 'outcome-status bad';
    status.textContent = `✗ ${res.error.kind}: ${res.error.message}`;
    for (const id of ['return-value', 'gas-burnt', 'gas-used']) $(id).textContent = '—';
    $('logs').replaceChildren();
    $('profile').replaceChildren();
    return;
  }
  if (res.err) {
    status.className = 'outcome-status bad';
    status.textContent = `✗ ${res.err_message || ''}  [${errorPath(res.err)}]`;
  } else {
    status.className = 'outcome-status good';
    status.textContent = '✓ success';
  }
  const o = res.outcome;
  $('return-value').textContent = o ? returnText(o.return_data) : '—';
  $('logs').replaceChildren(...(o ? o.logs : []).map((l) => el('li', { textContent: l })));
  $('gas-burnt').textContent = o ? gasText(o.burnt_gas) : '—';
  $('gas-used').textContent = o ? gasText(o.used_gas) : '—';
  $('run-ms').textContent = lastMs === null ? '—' : `${lastMs.toFixed(1)} ms`;
  renderProfile(o ? o.profile : [], o ? o.burnt_gas : 0);
  $('receipt-count').textContent = String(res.receipts.length);
  $('receipts').textContent = JSON.stringify(res.receipts, null, 1);
}

function renderProfile(profile, burnt) {
  const rows = profile.map((p) => ({ ...p, gas: Number(p.gas_used) })).filter((p) => p.gas > 0)
    .sort((a, b) => b.gas - a.gas);
  const max = rows.length ? rows[0].gas : 1;
  const total = Number(burnt) || 1;
  $('profile').replaceChildren(...rows.map((p) => {
    const bar = el('div', { class: 'bar ' + (p.cost_category === 'ACTION_COST' ? 'action' : 'wasm') });
    bar.style.width = `${Math.max(0.5, (100 * p.gas) / max)}%`;
    return el('div', { class: 'bar-row', title: `${p.cost_category} ${p.cost}: ${p.gas_used} gas` },
      el('span', { class: 'bar-label', textContent: p.cost }),
      el('span', { class: 'bar-track' }, bar),
      el('span', { class: 'bar-value', textContent: `${(p.gas / 1e12).toFixed(3)} Tgas · ${((100 * p.gas) / total).toFixed(1)}%` }));
  }));
}

async function renderState() {
  const rows = stateRows(session.state);
  const body = $('state-rows');
  if (!rows.length) {
    body.replaceChildren(el('tr', {}, el('td', { colSpan: 3, class: 'muted', textContent: 'empty' })));
  } else {
    body.replaceChildren(...rows.map((r) => el('tr', {},
      el('td', { textContent: shown(r.key, r.keyBase64) }),
      el('td', { textContent: shown(r.value, r.valueBase64) }),
      el('td', { textContent: `${r.keyBytes} + ${r.valueBytes}` }))));
  }
  const account = $('account').value.trim();
  const root = await rt.stateRoot({ accountId: account, state: session.state });
  $('state-root').textContent = root.error ? `— (${root.error.message})` : root.state_root;
}

function renderYields() {
  const body = $('yield-rows');
  const ys = session.pendingYields;
  $('yield-resume').disabled = ys.length === 0;
  $('yield-timeout').disabled = ys.length === 0;
  if (!ys.length) {
    body.replaceChildren(el('tr', {}, el('td', { colSpan: 5, class: 'muted', textContent: 'none' })));
    return;
  }
  body.replaceChildren(...ys.map((y) => el('tr', {},
    el('td', {}, el('code', { textContent: y.dataId, dataTestid: 'yield-data-id' })),
    el('td', { textContent: y.method }),
    el('td', { textContent: y.args ?? `(base64) ${y.argsBase64}` }),
    el('td', { textContent: gasText(y.gas) }),
    el('td', { textContent: `from ${y.createdBy}` }))));
}

function yieldStep(html) {
  const li = document.createElement('li');
  li.innerHTML = html;
  $('yield-log').append(li);
}

function addHistory(title, res) {
  let summary;
  if (res.error) summary = `input error: ${res.error.message}`;
  else if (res.err) summary = `failed: ${res.err_message}`;
  else summary = `${returnText(res.outcome.return_data).slice(0, 80)} · ${(Number(res.outcome.burnt_gas) / 1e12).toFixed(3)} Tgas`;
  $('history').prepend(el('li', { class: res.error || res.err ? 'bad' : 'good' },
    el('b', { textContent: title }), ' → ', summary));
}

// ------------------------------------------------------------------ wiring
$('example').addEventListener('change', (e) => loadExample(e.target.value));
$('wasm-file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  $('example').value = '';
  await loadContract('', new Uint8Array(await f.arrayBuffer()), f.name);
});
for (const b of document.querySelectorAll('[data-deposit]')) {
  b.addEventListener('click', () => { $('deposit').value = b.dataset.deposit; });
}
$('call').addEventListener('click', () => {
  if (!session.code) return;
  callMethod($('method').value, $('args').value, { view: $('view').checked });
});
$('stop').addEventListener('click', () => rt.cancel('stopped from the page'));
$('reset').addEventListener('click', async () => {
  session.state = {};
  session.storageUsage = undefined;
  session.balance = undefined;
  session.pendingYields = [];
  renderYields();
  await renderState();
});

// The walkthrough.
$('yield-load').addEventListener('click', async () => {
  $('example').value = 'yielder';
  await loadExample('yielder');
});
$('yield-ask').addEventListener('click', async () => {
  if (session.name !== 'yielder') {
    $('example').value = 'yielder';
    await loadExample('yielder');
  }
  const q = $('yield-question').value;
  const res = await callMethod('ask', q, { title: `ask(${q})` });
  if (res.error || res.err) {
    yieldStep(`<code>ask</code> failed: ${escapeHtml(res.err_message || res.error.message)}`);
  } else {
    const y = res.yields[0];
    yieldStep(`<code>ask(${escapeHtml(q)})</code> called <code>promise_yield_create</code>: the call is paused; ` +
              `pending yield with data id <code>${y.dataId}</code>, callback <code>${y.method}</code>.`);
  }
});
$('yield-resume').addEventListener('click', async () => {
  const payload = $('yield-payload').value;
  const y = session.pendingYields[session.pendingYields.length - 1];
  if (session.methods.includes('answer')) {
    // Off-chain flow: someone calls the contract, which resumes the yield with
    // promise_yield_resume; the runtime then runs the callback.
    await callMethod('answer', payload, { title: `answer(${payload})`, afterCall: (res) => {
      if (res.error || res.err !== null) {
        yieldStep(`<code>answer</code> failed: ${escapeHtml(res.err_message || res.error.message)}`);
      } else {
        yieldStep(`<code>answer(${escapeHtml(payload)})</code> called <code>promise_yield_resume</code> for ` +
                  `<code>${y.dataId}</code> → returned ${escapeHtml(returnText(res.outcome.return_data))}; ` +
                  'the runtime now runs the callback with the payload.');
      }
    } });
  } else {
    yieldStep(`The payload ${escapeHtml(payload)} is delivered to yield <code>${y.dataId}</code>.`);
    await runCallback(y.dataId, { payload: new TextEncoder().encode(payload), by: 'the page' });
  }
});
$('yield-timeout').addEventListener('click', async () => {
  const y = session.pendingYields[session.pendingYields.length - 1];
  yieldStep(`No answer for yield <code>${y.dataId}</code> within the timeout (200 blocks in nearcore).`);
  await runCallback(y.dataId, { timeout: true });
});

rt.ready.then(async (ok) => {
  const status = $('status');
  if (!ok) {
    status.className = 'status bad';
    status.textContent = 'the runtime failed to load';
    return;
  }
  const v = await rt.version();
  status.className = 'status ready';
  status.textContent = `runtime ready · protocol ${v.protocol_version} · Web Worker`;
  $('version').textContent = v.nearrt;
  document.body.dataset.ready = '1';
  await renderState();
});
