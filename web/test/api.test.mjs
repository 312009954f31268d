// The web package's API under node (node --test): results, errors as values,
// yield/resume, state roots and proofs, the worker. Paths come from the
// environment (web/tests.cmake sets them).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

const PKG = process.env.NEARRT_WEB_PKG;
const CONTRACTS = process.env.NEARRT_WEB_CONTRACTS;
const SHARED = process.env.NEARRT_SHARED_DIR;
const NATIVE = process.env.NEARRT_NATIVE;
assert.ok(PKG && CONTRACTS && SHARED, 'NEARRT_WEB_PKG, NEARRT_WEB_CONTRACTS and NEARRT_SHARED_DIR must be set');

const { createRuntime, fromBase64, toBase64, parseJson, stateRows } = await import(pathToFileURL(resolve(PKG, 'nearrt.js')).href);
const { RuntimeWorker } = await import(pathToFileURL(resolve(PKG, 'client.js')).href);
const rt = await createRuntime();

const contract = (name) => new Uint8Array(readFileSync(join(CONTRACTS, name)));
const ft = contract('fungible_token.wasm');
const yielder = contract('yielder.wasm');
const greeter = contract('greeter.wasm');
const FT_CTX = { current_account_id: 'ft.near', predecessor_account_id: 'alice.near', signer_account_id: 'alice.near',
                 prepaid_gas: 300000000000000 };

function ok(r) {
  assert.equal(r.error, undefined, r.error && r.error.message);
  assert.equal(r.err, null, r.err_message);
  return r;
}

test('a contract call gives the nearrt run object', () => {
  const r = ok(rt.run({ code: greeter, method: 'set_greeting', input: 'hi', context: { predecessor_account_id: 'bob.near' } }));
  assert.deepEqual(r.outcome.logs, ['bob.near set the greeting to: hi']);
  assert.equal(r.outcome.return_data, 'None');
  assert.ok(r.outcome.burnt_gas > 0 && r.outcome.used_gas === r.outcome.burnt_gas);
  assert.ok(r.outcome.profile.some((p) => p.cost === 'CONTRACT_LOADING_BYTES'));
  assert.deepEqual(r.state, { [toBase64(new TextEncoder().encode('greeting'))]: toBase64(new TextEncoder().encode('hi')) });
  const g = ok(rt.run({ code: greeter, method: 'get_greeting', state: r.state }));
  assert.deepEqual(g.outcome.return_data, { Value: 'hi' });
  // runJson is the text that run parses.
  const text = rt.runJson({ code: greeter, method: 'get_greeting', state: r.state });
  assert.ok(text.startsWith('{"outcome":{"balance":"10000000000000000000000000"'));
});

test('contract failures carry nearcore kinds and messages', () => {
  const r = rt.run({ code: greeter, method: 'set_greeting', input: '' });
  assert.deepEqual(r.err, { FunctionCallError: { HostError: { GuestPanic: { panic_msg: 'empty greeting' } } } });
  assert.equal(r.err_message, 'Smart contract panicked: empty greeting');
  const m = rt.run({ code: greeter, method: 'nope' });
  assert.deepEqual(m.err, { FunctionCallError: { MethodResolveError: 'MethodNotFound' } });
  const g = rt.run({ code: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]), method: 'main' });
  assert.deepEqual(g.err, { FunctionCallError: { CompilationError: { PrepareError: 'Deserialization' } } });
  const gas = rt.run({ code: ft, method: 'ft_total_supply', input: '{}', context: { prepaid_gas: 1000000 } });
  assert.equal(gas.err_message, 'Exceeded the prepaid gas.');
  assert.equal(gas.outcome.burnt_gas, 1000000);
});

test('bad requests are error values and the module keeps working', () => {
  const bad = [
    rt.run({ code: greeter }),
    rt.run({ code: 'not bytes', method: 'x' }),
    rt.run(null),
    rt.run({ code: greeter, method: 'get_greeting', context: { current_account_id: 'NOT VALID' } }),
    rt.run({ code: greeter, method: 'get_greeting', context: { prepaid_gas: 'lots' } }),
    rt.run({ code: greeter, method: 'get_greeting', state: { '%%%': 'AA==' } }),
    rt.run({ code: greeter, method: 'get_greeting', state: { AA: 5 } }),
    rt.run({ code: greeter, method: 'get_greeting', promiseResults: ['Maybe'] }),
    rt.run({ code: greeter, method: 'get_greeting', config: { no_such_parameter: 1 } }),
    rt.run({ code: greeter, method: 'get_greeting', pendingYields: ['0OIl'] }),
    rt.run({ code: greeter, method: 5 }),
    rt.loadConfig({ protocolVersion: 'x' }),
    rt.loadConfig({ overrides: { wasm_regular_op_cost: 'cheap' } }),
    rt.stateRoot({ accountId: 'A B', state: {} }),
    rt.prove({ accountId: 'a.near', state: {}, key: 5 }),
    rt.exports(new Uint8Array([1, 2, 3])),
  ];
  for (const r of bad) {
    assert.equal(typeof r.error, 'object', JSON.stringify(r).slice(0, 200));
    assert.equal(typeof r.error.kind, 'string');
    assert.ok(r.error.message.length > 0);
  }
  const raw = rt._call('nearrt_web_run', ['{"method": '], new Uint8Array());
  assert.deepEqual(JSON.parse(raw).error.kind, 'InvalidInput');
  ok(rt.run({ code: greeter, method: 'get_greeting' }));
});

test('an internal failure is a value and marks the runtime broken', async () => {
  const fresh = await createRuntime();
  const r = JSON.parse(fresh._call('nearrt_web_no_such_function', ['{}']));
  assert.equal(r.error.kind, 'InternalError');
  assert.equal(fresh.broken, true);
  assert.equal(rt.broken, undefined);
});

test('the fungible-token flow', () => {
  let state = {};
  const call = (method, args, ctx = {}) => {
    const r = ok(rt.run({ code: ft, method, input: JSON.stringify(args), context: { ...FT_CTX, ...ctx }, state }));
    state = r.state;
    return r;
  };
  call('new', { owner_id: 'alice.near', total_supply: '1000000',
                metadata: { spec: 'ft-1.0.0', name: 'T', symbol: 'T', decimals: 6 } });
  call('storage_deposit', { account_id: 'bob.near' }, { attached_deposit: '1250000000000000000000' });
  const t = call('ft_transfer', { receiver_id: 'bob.near', amount: '1000' }, { attached_deposit: '1' });
  assert.match(t.outcome.logs[0], /"event":"ft_transfer"/);
  assert.deepEqual(call('ft_balance_of', { account_id: 'bob.near' }).outcome.return_data, { Value: '"1000"' });
  assert.deepEqual(call('ft_balance_of', { account_id: 'alice.near' }).outcome.return_data, { Value: '"999000"' });
  assert.ok(stateRows(state).length >= 3);
});

test('exports and methods', () => {
  const e = rt.exports(yielder);
  assert.deepEqual(rt.methods(yielder).sort(), ['answer', 'ask', 'get_answer', 'on_answer']);
  assert.ok(e.exports.some((x) => x.name === 'memory' && x.kind === 'memory' && !x.callable));
  assert.ok(e.imports.some((i) => i.module === 'env' && i.name === 'promise_yield_create'));
  assert.ok(rt.methods(ft).includes('ft_transfer'));
});

test('yield, resume by the contract, then the callback', () => {
  const ctx = { current_account_id: 'oracle.near', predecessor_account_id: 'bob.near', prepaid_gas: 300000000000000 };
  const ask = ok(rt.run({ code: yielder, method: 'ask', input: 'what is 6*7?', context: ctx }));
  assert.equal(ask.yields.length, 1);
  const y = ask.yields[0];
  // MockedExternal's data ids: sha256 of the little-endian counter, the first is sha256(0u64).
  assert.equal(y.dataId, 'CoRutESHXR94goeNsP5Za7RKyKrK8AYLQa4PwvT2934w');
  assert.equal(y.method, 'on_answer');
  assert.equal(y.args, 'what is 6*7?');
  assert.equal(y.gas, 20000000000000);
  assert.deepEqual(ask.outcome.return_data, { ReceiptIndex: 0 });

  // Without the yield pending, promise_yield_resume finds nothing.
  const lost = ok(rt.run({ code: yielder, method: 'answer', input: '42', context: ctx, state: ask.state }));
  assert.deepEqual(lost.outcome.return_data, { Value: 'false' });
  assert.deepEqual(lost.resumes, []);
  const ans = ok(rt.run({ code: yielder, method: 'answer', input: '42', context: ctx, state: ask.state,
                          pendingYields: [y.dataId] }));
  assert.deepEqual(ans.outcome.return_data, { Value: 'true' });
  assert.deepEqual(ans.resumes, [{ dataId: y.dataId, payloadBase64: toBase64(new TextEncoder().encode('42')), payload: '42' }]);

  const cb = ok(rt.resumeYield({ code: yielder, yield: y, payload: fromBase64(ans.resumes[0].payloadBase64),
                                 context: ctx, state: ans.state }));
  assert.deepEqual(cb.outcome.return_data, { Value: '42' });
  assert.deepEqual(cb.outcome.logs, ["answer to 'what is 6*7?': 42"]);
  assert.deepEqual(ok(rt.run({ code: yielder, method: 'get_answer', state: cb.state })).outcome.return_data, { Value: '42' });

  const to = ok(rt.resumeYield({ code: yielder, yield: y, timeout: true, context: ctx, state: ask.state }));
  assert.deepEqual(to.outcome.return_data, { Value: 'timeout' });
});

test('config: protocol version and overrides', () => {
  const base = ok(rt.run({ code: greeter, method: 'get_greeting' })).outcome.burnt_gas;
  assert.deepEqual(rt.loadConfig({ overrides: { regular_op_cost: 0 } }), { protocol_version: 86 });
  const cheap = ok(rt.run({ code: greeter, method: 'get_greeting' })).outcome.burnt_gas;
  assert.ok(cheap < base, `${cheap} < ${base}`);
  assert.deepEqual(rt.loadConfig({}), { protocol_version: 86 });
  assert.equal(ok(rt.run({ code: greeter, method: 'get_greeting' })).outcome.burnt_gas, base);
  // A per-call override does not stick.
  assert.ok(ok(rt.run({ code: greeter, method: 'get_greeting', config: { regular_op_cost: 0 } })).outcome.burnt_gas < base);
  assert.equal(ok(rt.run({ code: greeter, method: 'get_greeting' })).outcome.burnt_gas, base);
  const p = rt.parameters();
  assert.equal(p.protocol_version, 86);
  assert.equal(p.parameters.wasm_regular_op_cost, 822756);
});

test('state roots and proofs of contract storage', () => {
  const empty = rt.stateRoot({ accountId: 'a.near', state: {} });
  assert.equal(empty.state_root, '11111111111111111111111111111111');  // nearcore's EMPTY_ROOT
  const state = {};
  for (let i = 0; i < 20; i++) state[toBase64(new TextEncoder().encode('k' + i))] = toBase64(new TextEncoder().encode('value ' + i));
  const root = rt.stateRoot({ accountId: 'ft.near', state });
  assert.equal(root.entries, 20);
  assert.notEqual(rt.stateRoot({ accountId: 'other.near', state }).state_root, root.state_root);

  const p = rt.prove({ accountId: 'ft.near', state, key: 'k7' });
  assert.equal(p.state_root, root.state_root);
  assert.equal(new TextDecoder().decode(fromBase64(p.value_base64)), 'value 7');
  // TrieKey::ContractData: col 9, account id, ',', key.
  assert.deepEqual(fromBase64(p.trie_key_base64), new Uint8Array([9, ...new TextEncoder().encode('ft.near,k7')]));
  assert.deepEqual(rt.verify({ stateRoot: root.state_root, accountId: 'ft.near', key: 'k7', proof: p.proof, value: 'value 7' }),
                   { valid: true, present: true });
  assert.equal(rt.verify({ stateRoot: root.state_root, accountId: 'ft.near', key: 'k7', proof: p.proof, value: 'forged' }).valid, false);
  const absent = rt.prove({ accountId: 'ft.near', state, key: 'nope' });
  assert.equal(absent.value_base64, null);
  assert.deepEqual(rt.verify({ stateRoot: root.state_root, accountId: 'ft.near', key: 'nope', proof: absent.proof }),
                   { valid: true, present: false });

  // The same trie through the native `nearrt state root` (raw hex keys).
  if (NATIVE && existsSync(NATIVE)) {
    const hex = (b) => Buffer.from(b).toString('hex');
    const raw = {};
    for (const [k, v] of Object.entries(state)) raw[hex(new Uint8Array([9, ...new TextEncoder().encode('ft.near,'), ...fromBase64(k)]))] = hex(fromBase64(v));
    const f = join(mkdtempSync(join(tmpdir(), 'nearrt-web-')), 'kv.json');
    writeFileSync(f, JSON.stringify(raw));
    assert.equal(execFileSync(NATIVE, ['state', 'root', f], { encoding: 'utf8' }).trim(), root.state_root);
  }
});

test('integers beyond 2^53 stay exact', () => {
  assert.deepEqual(parseJson('{"a":18446744073709551615,"b":"12345678901234567890","c":[1.5e300,-9007199254740993,42]}'),
                   { a: '18446744073709551615', b: '12345678901234567890', c: [1.5e300, '-9007199254740993', 42] });
});

test('the worker runs calls off the main thread', async () => {
  const w = new RuntimeWorker({ url: pathToFileURL(resolve(PKG, 'worker.js')), create: (url) => new Worker(url) });
  try {
    assert.equal(await w.ready, true);
    const r = await w.run({ code: greeter, method: 'get_greeting' });
    assert.deepEqual(r.outcome.return_data, { Value: 'Hello from nearrt!' });
    assert.equal((await w.run({ code: greeter })).error.kind, 'InvalidInput');
    assert.equal((await w.call('no_such_op')).error.kind, 'InvalidInput');
    // (module (func (export "main") (loop (br 0)))) with gas for hours: abandoned
    // after 300 ms; the worker is replaced and works.
    const spin = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                                 7, 8, 1, 4, 0x6d, 0x61, 0x69, 0x6e, 0, 0, 10, 9, 1, 7, 0, 3, 0x40, 0x0c, 0, 0x0b, 0x0b]);
    const t0 = Date.now();
    const cancelled = await w.run({ code: spin, method: 'main', context: { prepaid_gas: 1e18 },
                                    config: { limit_config: { max_gas_burnt: 1e18 } } },
                                  { timeoutMs: 300 });
    assert.equal(cancelled.error.kind, 'Cancelled');
    assert.ok(Date.now() - t0 < 10000);
    assert.equal(await w.ready, true);
    assert.deepEqual((await w.run({ code: greeter, method: 'get_greeting' })).outcome.return_data, { Value: 'Hello from nearrt!' });
  } finally {
    w.terminate();
  }
});

test('local chain: genesis, blocks, receipts, views, witness; same blocks as the native nearrt apply', async (t) => {
  if (!rt.version().chain) {
    t.skip('this build has no chain layer');
    return;
  }
  const NEAR = '000000000000000000000000';
  const genesis = {
    chain_id: 'localnet', runtime_config: 'mainnet',
    accounts: [
      { account_id: 'alice.near', amount: '1000' + NEAR, test_key_seed: 'alice.near' },
      { account_id: 'bob.near', amount: '100' + NEAR, test_key_seed: 'bob.near' },
      { account_id: 'ft.near', amount: '50' + NEAR, test_key_seed: 'ft.near', code_base64: toBase64(ft) },
    ],
  };
  const call = (method, args, deposit = '0') => ({ FunctionCall: { method_name: method, args: JSON.stringify(args),
                                                                   gas: 100000000000000, deposit } });
  const txs = [
    { signer_id: 'alice.near', receiver_id: 'ft.near', actions: [
      call('new', { owner_id: 'alice.near', total_supply: '1000000', metadata: { spec: 'ft-1.0.0', name: 'T', symbol: 'T', decimals: 6 } }),
      call('storage_deposit', { account_id: 'bob.near' }, '1250000000000000000000'),
      call('ft_transfer', { receiver_id: 'bob.near', amount: '1000' }, '1')] },
    { signer_id: 'bob.near', receiver_id: 'alice.near', actions: [{ Transfer: { deposit: '5' + NEAR } }] },
  ];
  const created = rt.chain.create(genesis);
  assert.equal(created.error, undefined, created.error && created.error.message);
  const b1 = rt.chain.block(txs, { record: true });
  assert.equal(b1.error, undefined, b1.error && b1.error.message);
  assert.equal(b1.height, 1);
  assert.equal(b1.outcomes.length, 2);
  assert.ok(b1.witness.nodes > 0 && b1.witness.bytes > 0);
  const rest = rt.chain.idle(10);
  assert.equal(rest.pending_receipts, 0);
  const allOutcomes = [b1, ...rest.blocks].flatMap((b) => b.outcomes);
  assert.ok(allOutcomes.every((o) => !('Failure' in (o.outcome ? o.outcome.status : o.status || {}))),
            JSON.stringify(allOutcomes.map((o) => o.outcome ? o.outcome.status : o.status)).slice(0, 500));
  const bal = rt.chain.view('ft.near', 'ft_balance_of', { account_id: 'bob.near' });
  assert.equal(bal.return, '"1000"', JSON.stringify(bal));
  const bob = rt.chain.account('bob.near');
  assert.ok(BigInt(bob.account.amount) < BigInt('95' + NEAR));
  assert.equal(rt.chain.account('nobody.near').account, null);
  assert.equal(rt.chain.create({ accounts: 'x' }).error.kind, 'InvalidInput');
  assert.equal(rt.chain.create({ accounts: [{ account_id: 5 }] }).error.kind, 'InvalidInput');
  assert.equal(rt.chain.block([{ signer_id: 'alice.near', receiver_id: 'ft.near', actions: [{ Transfer: { deposit: [] } }] }]).error.kind,
               'InvalidInput');

  // The same chain through the native `nearrt apply`: every block identical.
  if (NATIVE && existsSync(NATIVE)) {
    const dir = mkdtempSync(join(tmpdir(), 'nearrt-web-chain-'));
    writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesis));
    writeFileSync(join(dir, 'b1.json'), JSON.stringify(txs));
    const native = parseJson(execFileSync(NATIVE, ['apply', '--genesis', join(dir, 'genesis.json'), '--block', join(dir, 'b1.json'),
                                                   '--max-blocks', '10'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const web = [b1, ...rest.blocks].map(({ witness, ...b }) => b);
    assert.equal(native.blocks.length, web.length);
    assert.deepEqual(native.blocks, web);
    assert.equal(native.state_root, rest.state_root);
  }
});
