// vm::Run: nearcore's Wasmtime runner flow (wasmtime_runner/mod.rs) over
// nearrt's engine. The engine keeps the wasm gas counter ($gas in nearcore's
// instrumentation); it is synchronised with the GasCounter at every host call
// exactly as nearcore's call hooks do.
#include "vm/runner.h"

#include <map>

#include "vm/imports.h"
#include "vm/logic.h"
#include "vm/prepare.h"
#include "wasm/runtime.h"

namespace nearrt::vm {

ContractCode ContractCode::FromBytes(Bytes bytes) {
  ContractCode c;
  c.hash = CryptoHash::Of(bytes);
  c.code = std::make_shared<const Bytes>(std::move(bytes));
  return c;
}

namespace {

// What preparing a code gives: a ready module, or a FunctionCallError to
// abort with (CompilationError before the loading fee, LinkError after it).
struct CacheEntry {
  std::shared_ptr<PreparedContract> prepared;
  // Import bindings in import order (link check done once).
  std::vector<const HostImport*> imports;
  std::optional<FunctionCallError> compile_error;  // no loading fee (PV86)
  std::optional<FunctionCallError> link_error;     // loading fee charged
};

std::shared_ptr<CacheEntry> PrepareEntry(const ContractCode& code, const VMConfig& config) {
  auto e = std::make_shared<CacheEntry>();
  auto prepared = Prepare(*code.code, config);
  if (!prepared.ok()) {
    e->compile_error = FunctionCallError::Prepare(prepared.error());
    return e;
  }
  e->prepared = *prepared;
  const wasm::Module& m = *e->prepared->module;
  for (const wasm::Import& imp : m.imports()) {
    // Prepare admits only `env` function imports.
    const HostImport* h = FindImport(imp.module, imp.name, config);
    if (!h) {
      e->link_error = FunctionCallError::Link("unknown or invalid import");
      return e;
    }
    const wasm::FuncType& ft = m.types()[imp.func_type];
    bool ok = ft.params.size() == h->params.size() && ft.results.size() == (h->has_result() ? 1u : 0u);
    for (size_t i = 0; ok && i < ft.params.size(); ++i)
      ok = ft.params[i] == (h->params[i] == 'l' ? wasm::ValType::I64 : wasm::ValType::I32);
    if (ok && h->has_result())
      ok = ft.results[0] == (h->result == 'l' ? wasm::ValType::I64 : wasm::ValType::I32);
    if (!ok) {
      e->link_error = FunctionCallError::Link("incompatible import type for `" + imp.module + "::" + imp.name + "`");
      return e;
    }
    e->imports.push_back(h);
  }
  return e;
}

// Per-call binding state shared by all imported functions.
struct CallState {
  VMLogic* logic = nullptr;
  std::optional<VMLogicError> error;  // the host error that ended the call
};

struct ImportEnv {
  const HostImport* import;
  CallState* state;
};

wasm::TrapCode HostTrampoline(wasm::HostCall& call, uint64_t* slots) {
  auto* env = static_cast<ImportEnv*>(call.env);
  CallState* st = env->state;
  GasCounter& gc = st->logic->gas_counter();
  // CallHook::CallingHost: burn what wasm used since the last sync.
  VMStatus s = gc.SyncFromWasm(call.gas_left);
  if (!s.ok()) {
    st->error = std::move(s).error();
    return wasm::TrapCode::HostError;
  }
  wasm::MemoryInstance* mem = call.memory;
  st->logic->set_memory(mem ? MemoryView{mem->data(), mem->size(), mem->dirty_map()} : MemoryView{});
  VMResult<uint64_t> r = env->import->call(*st->logic, slots);
  if (!r.ok()) {
    st->error = std::move(r).error();
    return wasm::TrapCode::HostError;
  }
  if (env->import->has_result()) slots[0] = *r;
  // CallHook::ReturningFromHost: $gas := prepaid - used.
  call.gas_left = gc.WasmGasBudget();
  return wasm::TrapCode::None;
}

WasmTrap TrapToNear(wasm::TrapCode t) {
  switch (t) {
    case wasm::TrapCode::Unreachable: return WasmTrap::Unreachable;
    case wasm::TrapCode::MemoryOutOfBounds:
    case wasm::TrapCode::TableOutOfBounds: return WasmTrap::MemoryOutOfBounds;
    case wasm::TrapCode::IndirectCallToNull: return WasmTrap::IndirectCallToNull;
    case wasm::TrapCode::BadSignature: return WasmTrap::IncorrectCallIndirectSignature;
    case wasm::TrapCode::IntegerDivideByZero:
    case wasm::TrapCode::IntegerOverflow:
    case wasm::TrapCode::InvalidConversion: return WasmTrap::IllegalArithmetic;
    case wasm::TrapCode::CallStackExhausted: return WasmTrap::StackOverflow;
    default: return WasmTrap::GenericTrap;
  }
}

// Turns the result of running wasm (start or method) into the error that
// ends the call, if any, after syncing the wasm gas (ReturningFromWasm).
// Node-level failures come back as VMRunnerError.
Result<std::optional<FunctionCallError>, VMRunnerError> Finish(const wasm::ExecResult& r, CallState& st) {
  using T = wasm::TrapCode;
  std::optional<VMLogicError> err;
  if (r.trap == T::HostError) {
    // A host function failed; its error is the call's.
    if (!st.error) return Err(VMRunnerError{VMRunnerError::Kind::WasmUnknownError, "host error without details"});
    err = std::move(st.error);
  } else {
    GasCounter& gc = st.logic->gas_counter();
    VMStatus s = gc.SyncFromWasm(r.gas_left);
    if (!s.ok()) {
      err = std::move(s).error();
    } else if (r.trap == T::OutOfGas) {
      // finite_wasm_gas(c): burn the charge the instrumentation attempted.
      VMStatus c = gc.ChargeWasmGas(r.oog_attempted);
      err = c.ok() ? VMLogicError(HostErrorKind::GasExceeded) : std::move(c).error();
    } else if (r.trap == T::StackBudgetExhausted) {
      // finite_wasm_stack_exhausted on the Wasmtime kind.
      err = VMLogicError(HostErrorKind::MemoryAccessViolation);
    } else if (r.trap == T::Internal) {
      return Err(VMRunnerError{VMRunnerError::Kind::WasmUnknownError, "internal engine error"});
    } else if (r.trap != T::None) {
      return std::optional<FunctionCallError>(FunctionCallError::Trap(TrapToNear(r.trap)));
    }
  }
  if (!err) return std::optional<FunctionCallError>();
  auto fce = ToFunctionCallError(*err);
  if (!fce.ok()) return Err(std::move(fce).error());
  return std::optional<FunctionCallError>(*fce);
}

}  // namespace

struct ContractCache::Impl {
  std::map<std::pair<CryptoHash, const VMConfig*>, std::shared_ptr<CacheEntry>> entries;
};

ContractCache::ContractCache() : impl_(new Impl) {}
ContractCache::~ContractCache() = default;
size_t ContractCache::size() const { return impl_->entries.size(); }
void ContractCache::Clear() { impl_->entries.clear(); }

Result<VMOutcome, VMRunnerError> Run(const ContractCode& code, std::string_view method, External& ext,
                                     const VMContext& context, const RuntimeConfig& runtime_config,
                                     ContractCache* cache) {
  const VMConfig& config = runtime_config.wasm_config;
  GasCounter gas_counter = MakeGasCounter(context, config);
  const uint64_t code_len = code.code ? code.code->size() : 0;

  // Compile (prepare) or take from the cache.
  std::shared_ptr<CacheEntry> entry;
  if (cache) {
    auto key = std::make_pair(code.hash, &config);
    auto it = cache->impl()->entries.find(key);
    if (it == cache->impl()->entries.end()) {
      entry = PrepareEntry(code, config);
      cache->impl()->entries.emplace(key, entry);
    } else {
      entry = it->second;
    }
  } else {
    entry = PrepareEntry(code, config);
  }

  auto make_state = [&](GasCounter gc) -> Result<ExecutionResultState, VMRunnerError> {
    auto rs = ExecutionResultState::Create(context, std::move(gc), config);
    if (!rs.ok()) {
      auto e = ToFunctionCallError(rs.error());
      return Err(e.ok() ? VMRunnerError{VMRunnerError::Kind::InconsistentStateError, ""} : e.error());
    }
    return std::move(rs).value();
  };
  auto abort_with = [&](GasCounter gc, FunctionCallError e) -> Result<VMOutcome, VMRunnerError> {
    NEARRT_ASSIGN_OR_RETURN(ExecutionResultState rs, make_state(std::move(gc)));
    return VMOutcome::Abort(rs, std::move(e));
  };

  if (auto e = gas_counter.BeforeLoadingExecutable(config, method, code_len)) return abort_with(std::move(gas_counter), *e);
  if (entry->compile_error) return abort_with(std::move(gas_counter), *entry->compile_error);
  if (auto e = gas_counter.AfterLoadingExecutable(config, code_len)) return abort_with(std::move(gas_counter), *e);
  if (entry->link_error) return abort_with(std::move(gas_counter), *entry->link_error);

  const std::shared_ptr<wasm::Module>& module = entry->prepared->module;
  // Method resolution: a function export of type [] -> [] (PV86: a nop
  // outcome when missing or mistyped).
  const wasm::Export* ex = module->FindExport(method);
  if (!ex || ex->kind != wasm::ExternKind::Func) {
    NEARRT_ASSIGN_OR_RETURN(ExecutionResultState rs, make_state(std::move(gas_counter)));
    return VMOutcome::AbortButNopInOldProtocol(rs, FunctionCallError::MethodResolve(MethodResolveError::MethodNotFound));
  }
  const wasm::FuncType& ft = module->func_type(ex->index);
  if (!ft.params.empty() || !ft.results.empty()) {
    NEARRT_ASSIGN_OR_RETURN(ExecutionResultState rs, make_state(std::move(gas_counter)));
    return VMOutcome::AbortButNopInOldProtocol(rs, FunctionCallError::MethodResolve(MethodResolveError::MethodInvalidSignature));
  }

  NEARRT_ASSIGN_OR_RETURN(ExecutionResultState result_state, make_state(std::move(gas_counter)));
  VMLogic logic(ext, context, config, runtime_config.fees, std::move(result_state));
  CallState state;
  state.logic = &logic;

  // Instantiate: env imports bound to the logic, nearcore's normalized memory
  // (recycled from the previous call on this thread: only its dirty pages
  // are cleared, see wasm::MemoryInstance::Reset).
  static thread_local wasm::MemoryPool memory_pool;
  wasm::Store store(&memory_pool);
  std::vector<ImportEnv> envs(entry->imports.size());
  std::vector<wasm::ExternVal> imports(entry->imports.size());
  for (size_t i = 0; i < entry->imports.size(); ++i) {
    envs[i] = ImportEnv{entry->imports[i], &state};
    imports[i].kind = wasm::ExternKind::Func;
    imports[i].func = store.AddHostFunction(module->types()[module->imports()[i].func_type], HostTrampoline, &envs[i]);
  }
  wasm::MemoryType memory;
  memory.limits.min = config.limit_config.initial_memory_pages;
  memory.limits.max = config.limit_config.max_memory_pages;
  memory.limits.has_max = true;

  static thread_local std::unique_ptr<wasm::Thread> thread;
  if (!thread) thread = std::make_unique<wasm::Thread>();
  // CallHook::CallingWasm: $gas := prepaid - used.
  thread->set_gas(logic.gas_counter().WasmGasBudget());
  thread->set_stack_budget(config.limit_config.max_stack_height);

  auto inst = store.Instantiate(module, imports, *thread, &memory);
  if (!inst.ok()) {
    // Only an allocation failure gets here (imports were checked at prepare).
    return VMOutcome::Abort(logic.result_state(), FunctionCallError::Link(inst.error().message));
  }
  if (!inst->exec.ok()) {
    // Segment initialization or the start function failed.
    NEARRT_ASSIGN_OR_RETURN(auto err, Finish(inst->exec, state));
    if (err) return VMOutcome::Abort(logic.result_state(), std::move(*err));
  } else if (module->has_start()) {
    NEARRT_ASSIGN_OR_RETURN(auto err, Finish(inst->exec, state));
    if (err) return VMOutcome::Abort(logic.result_state(), std::move(*err));
    thread->set_gas(logic.gas_counter().WasmGasBudget());
  }

  wasm::FuncInst* fn = inst->instance->GetFunction(method);
  wasm::ExecResult r = thread->Invoke(fn, {}, nullptr);
  NEARRT_ASSIGN_OR_RETURN(auto err, Finish(r, state));
  if (err) return VMOutcome::Abort(logic.result_state(), std::move(*err));
  return VMOutcome::Ok(logic.result_state());
}

}  // namespace nearrt::vm
