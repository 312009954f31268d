// A local single-shard chain in the module (src/chain LocalChain over
// runtime::Apply): genesis, blocks of transactions, view calls, accounts,
// state roots and state witnesses, with the block JSON of `nearrt apply`
// (src/cli/apply_command.cc). Genesis, transactions and block JSON are
// src/chain/chain_json.h's, which type-checks every field (an nlohmann
// accessor that throws would abort the module under emcc); there are no
// files here, so contract code comes as code_base64.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chain/chain_json.h"
#include "chain/local_chain.h"
#include "nearrt_web.h"
#include "vm/types.h"
#include "web_util.h"

namespace nearrt::web {
namespace {

std::unique_ptr<chain::LocalChain>& Chain() {
  static auto* chain = new std::unique_ptr<chain::LocalChain>;
  return *chain;
}

const char* NoChain() { return ErrorReply("NoChain", "no chain: call chain_create first"); }

}  // namespace
}  // namespace nearrt::web

using namespace nearrt;
using namespace nearrt::web;

extern "C" {

const char* nearrt_web_chain_create(const char* request) {
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  auto it = req->find("genesis");
  if (it == req->end()) return InputError("genesis: required");
  auto genesis = chain::GenesisFromJson(*it, std::nullopt);
  if (!genesis.ok()) return InputError(genesis.error().message);
  auto c = chain::LocalChain::Create(*genesis);
  if (!c.ok()) return ErrorReply("ChainError", c.error().message);
  Chain() = std::move(*c);
  json out = json{{"height", Chain()->height()},
                  {"state_root", Chain()->state_root().ToBase58()},
                  {"block_hash", Chain()->last_block_hash().ToBase58()},
                  {"genesis_supply", vm::BalanceToString(Chain()->genesis_supply())}};
  return Reply(Dump(out));
}

const char* nearrt_web_chain_block(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  bool record = false;
  if (auto st = ReadBool(*req, "record", &record); !st.ok()) return InputError(st.error().message);
  std::vector<SignedTransaction> txs;
  if (auto it = req->find("transactions"); it != req->end() && !it->is_null()) {
    auto parsed = chain::TransactionsFromJson(*it, *Chain(), std::nullopt);
    if (!parsed.ok()) return InputError(parsed.error().message);
    txs = std::move(*parsed);
  }
  auto b = Chain()->ProduceBlock(txs, record);
  if (!b.ok()) return ErrorReply("ChainError", b.error().message);
  return Reply(Dump(chain::BlockToJson(*b)));
}

const char* nearrt_web_chain_idle(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  uint32_t max_blocks = 50;
  if (auto st = ReadU32(*req, "max_blocks", &max_blocks); !st.ok()) return InputError(st.error().message);
  json blocks = json::array();
  for (uint32_t i = 0; i < max_blocks && !Chain()->pending_receipts().empty(); ++i) {
    auto b = Chain()->ProduceBlock({});
    if (!b.ok()) return ErrorReply("ChainError", b.error().message);
    blocks.push_back(chain::BlockToJson(*b));
  }
  json out = json{{"blocks", std::move(blocks)}, {"state_root", Chain()->state_root().ToBase58()},
                  {"pending_receipts", Chain()->pending_receipts().size()}};
  return Reply(Dump(out));
}

const char* nearrt_web_chain_view(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  std::string account, method, args_text;
  bool have_args = false;
  Bytes args;
  bool have_b64 = false;
  for (auto st : {ReadString(*req, "account_id", &account), ReadString(*req, "method", &method),
                  ReadString(*req, "args", &args_text, &have_args),
                  ReadBase64(*req, "args_base64", &args, &have_b64)}) {
    if (!st.ok()) return InputError(st.error().message);
  }
  auto id = AccountId::Parse(account);
  if (!id.ok()) return InputError("account_id: " + id.error().message);
  if (have_args) args = ToBytes(args_text);
  auto o = Chain()->ViewCall(*id, method, args);
  if (!o.ok()) return ErrorReply("ChainError", o.error().message);
  json out = json::object();
  json logs = json::array();
  for (const auto& l : o->logs) logs.push_back(l);
  out["logs"] = std::move(logs);
  out["burnt_gas"] = o->burnt_gas;
  if (o->aborted) {
    out["err_message"] = o->aborted->Message();
  } else if (o->return_data.kind == vm::ReturnData::Kind::kValue) {
    const Bytes& v = o->return_data.value;
    out["return_base64"] = Base64Encode(v);
  }
  return Reply(Dump(out));
}

const char* nearrt_web_chain_account(const char* request) {
  if (!Chain()) return NoChain();
  auto req = ParseRequest(request);
  if (!req.ok()) return InputError(req.error().message);
  std::string account;
  if (auto st = ReadString(*req, "account_id", &account); !st.ok()) return InputError(st.error().message);
  auto id = AccountId::Parse(account);
  if (!id.ok()) return InputError("account_id: " + id.error().message);
  auto a = Chain()->GetAccount(*id);
  if (!a.ok()) return ErrorReply("ChainError", a.error().message);
  json out = json::object();
  if (!*a) {
    out["account"] = nullptr;
  } else {
    const Account& acc = **a;
    json aj = json{{"amount", vm::BalanceToString(acc.amount())},
                   {"locked", vm::BalanceToString(acc.locked())},
                   {"storage_usage", acc.storage_usage()}};
    if (acc.contract().kind == AccountContract::Kind::kLocal) aj["code_hash"] = acc.contract().hash.ToBase58();
    out["account"] = std::move(aj);
  }
  out["height"] = Chain()->height();
  out["state_root"] = Chain()->state_root().ToBase58();
  return Reply(Dump(out));
}

}  // extern "C"
