// Node (V8) side of the engine benchmark (bench/engines). Modes:
//   node run_node.js kernel FILE          one call of the `bench` export
//   node run_node.js contract FILE USERS  the fungible-token workload
//   node run_node.js load FILE... [--wall] WebAssembly.Module + Instance cost (CPU time)
// The host functions follow the same rules as the nearrt driver
// (driver/engine_bench.cc, driver/near_mock.cc), so results must agree.
'use strict';
const fs = require('fs');

const now = () => performance.now() / 1000;
// CPU time of the whole process (V8's compiler and GC threads included).
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const M64 = (1n << 64n) - 1n;

// --- hostcall kernel imports (kernels/native_host.c) -----------------------
function kernelImports(state) {
  return {
    env: {
      host_mix(x) {
        x = BigInt.asUintN(64, x);
        x ^= x >> 29n;
        return BigInt.asUintN(64, x * 0x9E3779B97F4A7C15n + 1n);
      },
      host_fill(ptr, len, seed) {
        const p = new Uint8Array(state.memory.buffer, ptr >>> 0, len >>> 0);
        seed >>>= 0;
        for (let k = 0; k < p.length; k++) p[k] = ((seed >>> (k & 15)) + k * 131) & 0xff;
      },
    },
  };
}

function kernel(file) {
  const bytes = fs.readFileSync(file);
  const state = {};
  const t0 = now();
  const m = new WebAssembly.Module(bytes);
  const inst = new WebAssembly.Instance(m, kernelImports(state));
  state.memory = inst.exports.memory;
  const c1 = cpuNow();
  const t1 = now();
  const r = inst.exports.bench();
  const t2 = now();
  const cpu = cpuNow() - c1;
  console.log(`result=${r >>> 0} time=${(t2 - t1).toFixed(6)} cpu=${cpu.toFixed(6)} instantiate=${(t1 - t0).toFixed(6)}`);
}

// --- NEAR mock (driver/near_mock.cc) ----------------------------------------
const enc = new TextEncoder();
const hex = (b) => Buffer.from(b).toString('hex');

function ftWorkload(users) {
  const owner = 'owner.near';
  const calls = [{
    method: 'new_default_meta',
    input: '{"owner_id":"owner.near","total_supply":"1000000000000000000000000000000000"}',
    predecessor: owner, deposit: 0n,
  }];
  for (let i = 0; i < users; i++) {
    const user = `user${i}.near`;
    calls.push({method: 'storage_deposit', input: `{"account_id":"${user}"}`, predecessor: owner,
                deposit: 10n ** 23n});
    calls.push({method: 'ft_transfer', input: `{"receiver_id":"${user}","amount":"${1000 + i}"}`,
                predecessor: owner, deposit: 1n});
    calls.push({method: 'ft_balance_of', input: `{"account_id":"${user}"}`, predecessor: owner, deposit: 0n});
  }
  return calls;
}

class MockNear {
  constructor(module) {
    this.module = module;
    this.reset();
  }
  reset() {
    this.storage = new Map();  // hex(key) -> {key, value}
    this.registers = new Map();
    this.usage = 100000n;
    this.digest = 2166136261;
  }
  mix(bytes) {
    let h = this.digest;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    this.digest = h;
  }
  mixStr(s) { this.mix(enc.encode(s)); }
  mem() { return new Uint8Array(this.memory.buffer); }
  read(ptr, len) {
    ptr = Number(ptr); len = Number(len);
    const m = this.mem();
    if (ptr + len > m.length) throw new Error('out of bounds');
    return m.slice(ptr, ptr + len);
  }
  write(ptr, bytes) {
    ptr = Number(ptr);
    const m = this.mem();
    if (ptr + bytes.length > m.length) throw new Error('out of bounds');
    m.set(bytes, ptr);
  }
  writeU128(ptr, v) {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
    this.write(ptr, b);
  }
  out(tag, bytes) {
    this.outcome.push(enc.encode(tag), bytes, enc.encode('\n'));
  }
  imports() {
    const self = this;
    const setReg = (id, v) => { self.registers.set(BigInt.asUintN(64, id), v); };
    const impl = {
      read_register(id, ptr) {
        const v = self.registers.get(BigInt.asUintN(64, id));
        if (!v) throw new Error('read_register: invalid register id');
        self.write(ptr, v);
      },
      register_len(id) {
        const v = self.registers.get(BigInt.asUintN(64, id));
        return v ? BigInt(v.length) : M64;
      },
      write_register(id, len, ptr) { setReg(id, self.read(ptr, len)); },
      current_account_id(id) { setReg(id, enc.encode('ft.near')); },
      signer_account_id(id) { setReg(id, enc.encode(self.call.predecessor)); },
      predecessor_account_id(id) { setReg(id, enc.encode(self.call.predecessor)); },
      signer_account_pk(id) { setReg(id, new Uint8Array(33)); },
      input(id) { setReg(id, enc.encode(self.call.input)); },
      random_seed(id) { setReg(id, new Uint8Array(32).fill(7)); },
      block_index() { return 1000n; },
      block_timestamp() { return 1700000000000000000n; },
      epoch_height() { return 10n; },
      storage_usage() { return self.usage; },
      prepaid_gas() { return 300000000000000n; },
      used_gas() { return 0n; },
      account_balance(ptr) { self.writeU128(ptr, 10n ** 27n); },
      account_locked_balance(ptr) { self.writeU128(ptr, 0n); },
      attached_deposit(ptr) { self.writeU128(ptr, self.call.deposit); },
      value_return(len, ptr) { self.out('R:', self.read(ptr, len)); },
      log_utf8(len, ptr) { self.out('L:', self.read(ptr, len)); },
      panic() { throw new Error('panic'); },
      panic_utf8(len, ptr) { throw new Error('panic_utf8: ' + Buffer.from(self.read(ptr, len)).toString()); },
      abort() { throw new Error('abort'); },
      promise_batch_create(len, ptr) {
        self.out('P:', self.read(ptr, len));
        return BigInt(self.promises++);
      },
      promise_batch_action_transfer(idx, ptr) {
        self.out(`T:${BigInt.asUintN(64, idx)}:${hex(self.read(ptr, 16))}`, new Uint8Array(0));
      },
      storage_write(klen, kptr, vlen, vptr, id) {
        const k = self.read(kptr, klen), v = self.read(vptr, vlen), hk = hex(k);
        const old = self.storage.get(hk);
        if (old) {
          self.usage += BigInt(v.length) - BigInt(old.value.length);
          setReg(id, old.value);
          old.value = v;
          return 1n;
        }
        self.usage += BigInt(k.length + v.length + 40);
        self.storage.set(hk, {key: k, value: v});
        return 0n;
      },
      storage_read(klen, kptr, id) {
        const e = self.storage.get(hex(self.read(kptr, klen)));
        if (!e) return 0n;
        setReg(id, e.value);
        return 1n;
      },
      storage_remove(klen, kptr, id) {
        const hk = hex(self.read(kptr, klen));
        const e = self.storage.get(hk);
        if (!e) return 0n;
        self.usage -= BigInt(e.key.length + e.value.length + 40);
        setReg(id, e.value);
        self.storage.delete(hk);
        return 1n;
      },
      storage_has_key(klen, kptr) { return self.storage.has(hex(self.read(kptr, klen))) ? 1n : 0n; },
    };
    const env = {};
    for (const imp of WebAssembly.Module.imports(this.module)) {
      if (imp.kind !== 'function' || imp.module !== 'env') throw new Error(`unsupported import ${imp.module}.${imp.name}`);
      env[imp.name] = impl[imp.name] || (() => {
        throw new Error(`host function env.${imp.name} is not implemented by the benchmark's NEAR mock`);
      });
    }
    return {env};
  }
  pass(calls, verbose) {
    this.reset();
    const imports = this.imports();
    for (const call of calls) {
      const inst = new WebAssembly.Instance(this.module, imports);
      this.memory = inst.exports.memory;
      this.call = call;
      this.registers = new Map();
      this.outcome = [];
      this.promises = 0;
      inst.exports[call.method]();
      this.mixStr(call.method + '\n');
      for (const b of this.outcome) this.mix(b);
      if (verbose) {
        process.stdout.write(`${call.method} ${call.input}\n`);
        for (const b of this.outcome) process.stdout.write(Buffer.from(b));
      }
    }
    const saved = this.digest;
    for (const hk of [...this.storage.keys()].sort()) {
      const e = this.storage.get(hk);
      this.mixStr('K:'); this.mix(e.key); this.mixStr('\n');
      this.mixStr('V:'); this.mix(e.value); this.mixStr('\n');
    }
    const d = this.digest;
    this.digest = saved;
    return d;
  }
}

function contract(file, users, verbose) {
  const m = new WebAssembly.Module(fs.readFileSync(file));
  const near = new MockNear(m);
  const calls = ftWorkload(users);
  let t0 = now();
  const first = near.pass(calls, verbose);
  const firstTime = now() - t0;
  const c0 = cpuNow();
  t0 = now();
  const digest = near.pass(calls, false);
  const time = now() - t0;
  const cpu = cpuNow() - c0;
  if (digest !== first) throw new Error('the two passes disagree');
  console.log(`result=${digest} time=${time.toFixed(6)} cpu=${cpu.toFixed(6)} first=${firstTime.toFixed(6)} ` +
              `calls=${calls.length}`);
}

// --- load ----------------------------------------------------------------------
function load(files, wall) {
  const clock = wall ? now : cpuNow;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    // Only the first compile counts: V8 caches native modules by their bytes.
    const t0 = clock();
    const m = new WebAssembly.Module(bytes);
    const compile = clock() - t0;
    const env = {};
    for (const imp of WebAssembly.Module.imports(m)) env[imp.name] = () => { throw new Error('stub'); };
    let instantiate = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const t1 = clock();
      new WebAssembly.Instance(m, {env});
      instantiate = Math.min(instantiate, clock() - t1);
    }
    const name = file.substring(file.lastIndexOf('/') + 1);
    console.log(`load file=${name} bytes=${bytes.length} compile=${compile.toFixed(6)} instantiate=${instantiate.toFixed(6)}`);
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'kernel') kernel(args[0]);
else if (mode === 'contract') contract(args[0], Number(args[1] || 100), args.includes('--verbose'));
else if (mode === 'load') load(args.filter((a) => a !== '--wall'), args.includes('--wall'));
else {
  console.error('usage: node run_node.js kernel FILE | contract FILE [USERS] [--verbose] | load FILE...');
  process.exit(2);
}
