// vm_golden: a fixed sequence of host calls through the import table (mainnet
// PV86 config, the old runner's default context, MemoryExternal), printing
// each call's result and used gas, then the runner JSON of the outcome. The
// output must be byte-identical on every platform (g++, clang, emcc/node):
//   vm_golden            compares with src/vm/testdata/vm_golden.txt (exit 0 iff equal)
//   vm_golden --print    prints the output (to regenerate the file)
// The gas values themselves are checked against nearcore by vm_test; this
// program pins determinism across compilers and wasm32.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>

#include "util/bytes.h"
#include "vm/config_store.h"
#include "vm/imports.h"
#include "vm/logic.h"
#include "vm/memory_external.h"
#include "vm/outcome.h"
#include "vm/runner_json.h"

namespace nearrt::vm {
namespace {

class Golden {
 public:
  Golden() : memory_(65536, 0) {}

  std::string Run() {
    RuntimeConfig rc = *MainnetConfig();
    VMContext ctx = DefaultRunnerContext();
    ctx.prepaid_gas = 300'000'000'000'000ULL;
    Result<VMContext> parsed = ParseContextJson(
        R"({"input": "eyJhIjoxfQ==", "attached_deposit": "1000000000000000000000000",
            "output_data_receivers": ["dave.near"],
            "promise_results": [{"Successful": "abc"}, "Failed"]})",
        ctx, rc.max_gas_burnt_view);
    if (!parsed.ok()) return "context: " + parsed.error().message + "\n";
    ctx = *parsed;
    MemoryExternal ext;
    ext.state()[ToBytes("k")] = ToBytes("v");
    ext.validators()[AccountId::Unchecked("alice")] = 100;
    VMResult<ExecutionResultState> state =
        ExecutionResultState::Create(ctx, MakeGasCounter(ctx, rc.wasm_config), rc.wasm_config);
    if (!state.ok()) return "state: " + state.error().Message() + "\n";
    VMLogic logic(ext, ctx, rc.wasm_config, rc.fees, std::move(state).value());
    logic.set_memory(MemoryView{memory_.data(), memory_.size()});
    logic_ = &logic;
    config_ = &rc.wasm_config;

    // Context, registers.
    Call("input", {0});
    Call("register_len", {0});
    Call("read_register", {0, 60000});
    Call("current_account_id", {1});
    Call("signer_account_pk", {1});
    Call("block_index", {});
    Call("block_timestamp", {});
    Call("epoch_height", {});
    Call("storage_usage", {});
    Call("account_balance", {Put(Bytes(16, 0))});
    Call("attached_deposit", {Put(Bytes(16, 0))});
    Call("prepaid_gas", {});
    Call("random_seed", {2});
    Call("chain_id", {2});
    Call("validator_stake", {5, Put("alice"), Put(Bytes(16, 0))});
    Call("validator_total_stake", {Put(Bytes(16, 0))});
    // Logs and hashes.
    Slice msg = PutSlice("hello \xe2\x82\xac");
    Call("log_utf8", {msg.len, msg.ptr});
    Slice utf16 = PutSlice(Bytes{'h', 0, 'i', 0, 0xAC, 0x20});
    Call("log_utf16", {utf16.len, utf16.ptr});
    Call("sha256", {msg.len, msg.ptr, 3});
    Call("keccak256", {msg.len, msg.ptr, 3});
    Call("keccak512", {msg.len, msg.ptr, 3});
    Call("ripemd160", {msg.len, msg.ptr, 3});
    Call("read_register", {3, 60000});
    // Signatures: nearcore's ed25519_verify.rs vector and an ecrecover vector.
    Slice sig = PutSlice(Hex(
        "91c1cb1272e30e7521d57942820e190424782e8ee2d707427a70611ef9873da5"
        "ddf9fc17692838461f98ec8d9a7acf144b764f5aa806dd7ad51d7ec4d868bf06"));
    Slice pk = PutSlice(Hex("207a067892821e25d770f1fba0c47c11ff4b813e54162ece9eb839e076231ab6"));
    Slice m = PutSlice(Hex("6b616a646c666b6a616c6b666a616b6c666a646b6c6164"
                           "6a666b6c6a6164736b"));
    Call("ed25519_verify", {sig.len, sig.ptr, m.len, m.ptr, pk.len, pk.ptr});
    Slice h = PutSlice(Hex("ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008"));
    Slice es = PutSlice(Hex(
        "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998"
        "4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93"));
    Call("ecrecover", {h.len, h.ptr, es.len, es.ptr, 1, 1, 4});
    Call("read_register", {4, 60000});
    // Storage.
    Slice key = PutSlice("key"), val = PutSlice("value123");
    Call("storage_write", {key.len, key.ptr, val.len, val.ptr, 5});
    Call("storage_write", {key.len, key.ptr, 1, val.ptr, 5});
    Slice k = PutSlice("k");
    Call("storage_read", {k.len, k.ptr, 6});
    Call("storage_has_key", {key.len, key.ptr});
    Call("storage_remove", {key.len, key.ptr, 7});
    Call("storage_has_key", {key.len, key.ptr});
    Call("storage_iter_prefix", {0, 0});
    // Promise results.
    Call("promise_results_count", {});
    Call("promise_result", {0, 8});
    Call("promise_result", {1, 8});
    Call("promise_result", {2, 8});
    // Promises and actions.
    Slice bob = PutSlice("bob.near");
    Slice one = PutSlice(Hex("01000000000000000000000000000000"));
    Slice zero = PutSlice(Bytes(16, 0));
    Slice hello = PutSlice("hello"), args = PutSlice("{}");
    Call("promise_batch_create", {bob.len, bob.ptr});
    Call("promise_batch_action_transfer", {0, one.ptr});
    Call("promise_batch_action_function_call_weight",
         {0, hello.len, hello.ptr, args.len, args.ptr, zero.ptr, 5'000'000'000'000ULL, 1});
    Call("promise_create",
         {bob.len, bob.ptr, hello.len, hello.ptr, args.len, args.ptr, one.ptr,
          10'000'000'000'000ULL});
    Call("promise_then",
         {1, bob.len, bob.ptr, hello.len, hello.ptr, args.len, args.ptr, zero.ptr,
          10'000'000'000'000ULL});
    uint64_t ids = Put(Hex("00000000000000000100000000000000"));
    Call("promise_and", {ids, 2});
    Call("promise_batch_then", {3, bob.len, bob.ptr});
    Call("promise_batch_action_create_account", {4});
    Slice edpk = PutSlice(Hex("00" "207a067892821e25d770f1fba0c47c11ff4b813e54162ece9eb839e076231ab6"));
    Call("promise_batch_action_add_key_with_full_access", {4, edpk.len, edpk.ptr, 7});
    Call("promise_batch_action_add_key_with_function_call",
         {4, edpk.len, edpk.ptr, 8, one.ptr, bob.len, bob.ptr, 5, Put("a,b,c")});
    Call("promise_batch_action_stake", {4, one.ptr, edpk.len, edpk.ptr});
    Call("promise_batch_action_delete_key", {4, edpk.len, edpk.ptr});
    Call("promise_batch_action_deploy_contract", {4, args.len, args.ptr});
    Call("promise_batch_action_delete_account", {4, bob.len, bob.ptr});
    Call("promise_set_refund_to", {4, bob.len, bob.ptr});
    Call("promise_batch_action_function_call",
         {9, hello.len, hello.ptr, args.len, args.ptr, zero.ptr, 1});  // bad index
    Call("promise_yield_create",
         {hello.len, hello.ptr, args.len, args.ptr, 3'000'000'000'000ULL, 0, 9});
    Call("read_register", {9, 60000});
    Call("promise_return", {4});
    Call("value_return", {args.len, args.ptr});
    // Curves (one call each, cheap inputs).
    Call("alt_bn128_g1_sum", {0, Put(Bytes{}), 10});
    Call("bls12381_p1_sum", {0, Put(Bytes{}), 10});
    Call("read_register", {10, 60000});
    // Gas accounting.
    Call("gas", {1000});
    Call("used_gas", {});
    Call("panic_utf8", {msg.len, msg.ptr});
    Call("read_register", {99, 0});

    VMOutcome outcome = logic.ComputeOutcome();
    outcome.profile.ComputeWasmInstructionCost(outcome.burnt_gas);
    return trace_ + FormatRunnerOutput(&outcome, nullptr, ext) + "\n" + outcome.DebugString() +
           "\n";
  }

 private:
  struct Slice {
    uint64_t len;
    uint64_t ptr;
  };

  static Bytes Hex(std::string_view text) {
    Result<Bytes> b = HexDecode(text);
    return b.ok() ? *b : Bytes{};
  }
  uint64_t Put(ByteView data) {
    if (!data.empty()) std::memcpy(memory_.data() + offset_, data.data(), data.size());
    uint64_t ptr = offset_;
    offset_ += data.size();
    return ptr;
  }
  uint64_t Put(std::string_view s) { return Put(AsBytes(s)); }
  Slice PutSlice(ByteView data) { return {data.size(), Put(data)}; }
  Slice PutSlice(std::string_view s) { return PutSlice(AsBytes(s)); }

  void Call(const char* name, std::initializer_list<uint64_t> values) {
    const HostImport* imp = FindImport("env", name, *config_);
    trace_ += name;
    if (!imp) {
      trace_ += ": not imported\n";
      return;
    }
    uint64_t args[16] = {};
    size_t i = 0;
    for (uint64_t v : values) args[i++] = v;
    VMResult<uint64_t> r = imp->call(*logic_, args);
    trace_ += " -> " + (r.ok() ? std::to_string(*r) : "error: " + r.error().Message());
    trace_ += " | used " + std::to_string(logic_->gas_counter().used_gas()) + " burnt " +
              std::to_string(logic_->gas_counter().burnt_gas()) + "\n";
    if (std::string_view(name) == "read_register" && r.ok()) {
      // The register's bytes as copied to memory (length read for free).
      std::optional<uint64_t> len = logic_->registers().GetLen(values.begin()[0]);
      if (len && *len <= 4096) {
        trace_ += "  = " + HexEncode(ByteView(memory_.data() + values.begin()[1], *len)) + "\n";
      }
    }
  }

  Bytes memory_;
  uint64_t offset_ = 0;
  VMLogic* logic_ = nullptr;
  const VMConfig* config_ = nullptr;
  std::string trace_;
};

}  // namespace
}  // namespace nearrt::vm

int main(int argc, char** argv) {
  std::string out = nearrt::vm::Golden().Run();
  if (argc > 1 && std::string(argv[1]) == "--print") {
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  std::string path = std::string(NEARRT_SOURCE_DIR) + "/src/vm/testdata/vm_golden.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 2;
  }
  std::stringstream want;
  want << in.rdbuf();
  if (want.str() != out) {
    std::fprintf(stderr, "vm_golden: output differs from %s; got:\n%s", path.c_str(), out.c_str());
    return 1;
  }
  std::printf("vm_golden: PASS (%zu bytes)\n", out.size());
  return 0;
}
