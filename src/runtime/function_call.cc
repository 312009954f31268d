// The FunctionCall action (runtime/runtime/src/function_call.rs): contract
// resolution (local, global by hash, global by account), the VM run over
// RuntimeExt, and the receipts the call created (ActionV2 / PromiseYieldV2,
// PromiseResume data receipts, yield timeouts).
#include "primitives/hash_ids.h"
#include "runtime/apply_internal.h"
#include "runtime/fees.h"

namespace nearrt::runtime {

namespace {

std::string FunctionCallErrorJson(const vm::FunctionCallError& e) {
  using K = vm::FunctionCallError::Kind;
  switch (e.kind) {
    case K::CompilationError:
      if (e.compilation.kind == vm::CompilationError::Kind::CodeDoesNotExist) {
        return "{\"CompilationError\":{\"CodeDoesNotExist\":{\"account_id\":" +
               JStr(e.compilation.text) + "}}}";
      }
      if (e.compilation.kind == vm::CompilationError::Kind::PrepareError) {
        return "{\"CompilationError\":{\"PrepareError\":" +
               JStr(vm::PrepareErrorName(e.compilation.prepare)) + "}}";
      }
      return "{\"CompilationError\":" + JStr(e.compilation.Message()) + "}";
    case K::LinkError:
      return "{\"LinkError\":{\"msg\":" + JStr(e.msg) + "}}";
    case K::MethodResolveError:
      return "{\"MethodResolveError\":" + JStr(vm::MethodResolveErrorName(e.method)) + "}";
    default:
      // conversions.rs: traps and host errors reach RPC as ExecutionError(msg).
      return "{\"ExecutionError\":" + JStr(e.Message()) + "}";
  }
}

// RuntimeContractIdentifier::resolve + the code behind it. Code read from
// the trie is not recorded (nearcore ships contract code beside the
// witness); the by-account identifier's value hash is read with recording.
Result<std::shared_ptr<const Bytes>> LoadCode(Processing& ps, const AccountId& account_id,
                                              const AccountContract& contract,
                                              CryptoHash* hash_out) {
  TrieKey key;
  switch (contract.kind) {
    case AccountContract::Kind::kNone:
      return std::shared_ptr<const Bytes>();
    case AccountContract::Kind::kLocal:
      *hash_out = contract.hash;
      key = TrieKey::ContractCode(account_id);
      break;
    case AccountContract::Kind::kGlobal: {
      *hash_out = contract.hash;
      GlobalContractId id;
      id.code_hash = contract.hash;
      key = TrieKey::GlobalContractCode(ToStoreId(id));
      break;
    }
    case AccountContract::Kind::kGlobalByAccount: {
      GlobalContractId id;
      id.kind = GlobalContractId::Kind::kAccountId;
      id.account_id = contract.account_id;
      key = TrieKey::GlobalContractCode(ToStoreId(id));
      NEARRT_ASSIGN_OR_RETURN(auto ref, FromStorage(ps.update.GetRef(key.ToBytes(),
                                                                     store::LookupMode::kMemOrFlatOrTrie)));
      if (!ref) return Err("Global contract identifier not found " + contract.account_id.str());
      *hash_out = ref->hash();
      break;
    }
  }
  if (ps.as.code_by_hash) {
    auto it = ps.as.code_by_hash->find(*hash_out);
    if (it == ps.as.code_by_hash->end()) return Err("contract code missing from the witness");
    return it->second;
  }
  auto it = ps.codes.find(*hash_out);
  if (it != ps.codes.end()) return it->second;
  NEARRT_ASSIGN_OR_RETURN(auto raw, FromStorage(ps.update.Get(key.ToBytes(),
                                                              store::AccessOptions::NoSideEffects())));
  if (!raw) return std::shared_ptr<const Bytes>();
  auto code = std::make_shared<const Bytes>(std::move(*raw));
  ps.codes[*hash_out] = code;
  return code;
}

vm::AccountContract ToVmContract(const AccountContract& c) {
  vm::AccountContract v;
  v.kind = static_cast<vm::AccountContract::Kind>(c.kind);
  v.hash = c.hash;
  v.account_id = c.account_id;
  return v;
}

}  // namespace

Status ActionFunctionCall(Processing& ps, Account& account, const Receipt& receipt,
                          const std::vector<vm::PromiseResult>& promise_results,
                          ActionResult& result, const FunctionCallAction& fc,
                          const CryptoHash& action_hash, bool is_last_action) {
  const AccountId& account_id = receipt.receiver_id;
  const ActionReceipt& ar = receipt.action;
  if (!AddBalance(account.amount(), fc.deposit)) {
    return Err("Account balance integer overflow during function call deposit");
  }
  ReceiptManager manager;
  RuntimeExt ext(ps.update, ps.cache, manager, account_id, action_hash, ps.as.block_height,
                 ps.as.chain, ps.cfg.vm.wasm_config.storage_get_mode == vm::StorageGetMode::kFlatStorage);
  vm::VMContext ctx;
  ctx.current_account_id = account_id;
  ctx.signer_account_id = ar.signer_id;
  ctx.signer_account_pk = ar.signer_public_key.ToBorsh();
  ctx.predecessor_account_id = receipt.predecessor_id;
  ctx.refund_to_account_id = ar.refund_to ? *ar.refund_to : receipt.predecessor_id;
  ctx.input = std::make_shared<const Bytes>(fc.args);
  ctx.promise_results = promise_results;
  ctx.block_height = ps.as.block_height;
  ctx.block_timestamp = ps.as.block_timestamp;
  ctx.epoch_height = ps.as.epoch_height;
  ctx.account_balance = account.amount();
  ctx.account_locked_balance = account.locked();
  ctx.storage_usage = account.storage_usage();
  ctx.account_contract = ToVmContract(account.contract());
  ctx.attached_deposit = fc.deposit;
  ctx.prepaid_gas = fc.gas;
  ctx.random_seed = CreateRandomSeed(action_hash, ps.as.random_seed);
  if (is_last_action) {
    for (const auto& d : ar.output_data_receivers) ctx.output_data_receivers.push_back(d.receiver_id);
  }
  CryptoHash code_hash;
  NEARRT_ASSIGN_OR_RETURN(auto code, LoadCode(ps, account_id, account.contract(), &code_hash));
  vm::VMOutcome outcome;
  if (!code) {
    vm::CompilationError ce;
    ce.kind = vm::CompilationError::Kind::CodeDoesNotExist;
    ce.text = account_id.str();
    outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Compilation(ce));
  } else {
    ps.codes[code_hash] = code;
    vm::ContractCode cc{code, code_hash};
    auto run = vm::Run(cc, fc.method_name, ext, ctx, ps.cfg.vm, ps.as.contract_cache);
    if (!run.ok()) {
      const auto& e = run.error();
      if (e.kind == vm::VMRunnerError::Kind::LoadingError) {
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Loading(e.msg));
      } else if (e.kind == vm::VMRunnerError::Kind::WasmUnknownError) {
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::WasmUnknown(e.msg));
      } else if (e.kind == vm::VMRunnerError::Kind::ContractCodeNotPresent) {
        vm::CompilationError ce;
        ce.kind = vm::CompilationError::Kind::CodeDoesNotExist;
        ce.text = account_id.str();
        outcome = vm::VMOutcome::Nop(vm::FunctionCallError::Compilation(ce));
      } else {
        return Err("VM runner error: " + e.Message());
      }
    } else {
      outcome = std::move(run).value();
      Gas unused = fc.gas > outcome.used_gas ? fc.gas - outcome.used_gas : 0;
      auto distributed = manager.DistributeGas(unused);
      if (!distributed) return Err("gas distribution overflow");
      outcome.used_gas += *distributed;
    }
  }
  bool ok = !outcome.aborted.has_value();
  if (!ok) {
    result.error = ActionErr("FunctionCallError");
    result.error->kind_json = "{\"FunctionCallError\":" + FunctionCallErrorJson(*outcome.aborted) + "}";
    result.error->kind = std::string(outcome.aborted->Name());
  }
  result.gas_burnt += outcome.burnt_gas;
  result.gas_burnt_for_function_call += outcome.burnt_gas;
  MergeProfile(result.profile, outcome.profile);
  result.gas_used += outcome.used_gas;
  result.compute += outcome.compute_usage;
  for (auto& l : outcome.logs) result.logs.push_back(std::move(l));
  if (ok) {
    NEARRT_ASSIGN_OR_RETURN(QueueIndices yidx, GetIndices(ps.update, TrieKey::PromiseYieldIndices()));
    QueueIndices yidx0 = yidx;
    std::vector<Receipt> new_receipts;
    for (auto& m : manager.action_receipts) {
      if (m.is_promise_yield) {
        PromiseYieldTimeout t{account_id, m.input_data_ids[0],
                              ps.as.block_height + ps.cfg.limits().yield_timeout_length_in_blocks};
        SetRaw(ps.update, TrieKey::PromiseYieldTimeout(yidx.next_available_index), t.ToBorsh());
        yidx.next_available_index++;
      }
      Receipt r;
      r.predecessor_id = account_id;
      r.receiver_id = std::move(m.receiver_id);
      r.kind = m.is_promise_yield ? ReceiptKind::kPromiseYieldV2 : ReceiptKind::kActionV2;
      r.action.v2 = true;
      r.action.signer_id = ar.signer_id;
      r.action.signer_public_key = ar.signer_public_key;
      r.action.refund_to = std::move(m.refund_to);
      r.action.gas_price = ar.gas_price;
      r.action.output_data_receivers = std::move(m.output_data_receivers);
      r.action.input_data_ids = std::move(m.input_data_ids);
      r.action.actions = std::move(m.actions);
      new_receipts.push_back(std::move(r));
    }
    for (auto& d : manager.data_receipts) {
      Receipt r;
      r.predecessor_id = account_id;
      r.receiver_id = account_id;
      r.kind = d.is_promise_resume ? ReceiptKind::kPromiseResume : ReceiptKind::kData;
      r.data.data_id = d.data_id;
      r.data.data = std::move(d.data);
      new_receipts.push_back(std::move(r));
    }
    if (!(yidx == yidx0)) SetIndices(ps.update, TrieKey::PromiseYieldIndices(), yidx);
    account.set_amount(outcome.balance);
    account.set_storage_usage(outcome.storage_usage);
    result.subsidized += outcome.subsidized_amount;
    result.return_data = std::move(outcome.return_data);
    for (auto& r : new_receipts) result.new_receipts.push_back(std::move(r));
  }
  return {};
}

}  // namespace nearrt::runtime
