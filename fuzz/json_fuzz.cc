// libFuzzer target: the JSON inputs of `nearrt run` (src/vm/runner_json.h:
// context, state, promise results, config overrides), the scenario file
// runner (src/vm/scenario.h) and, when built with nearrt_chain, the chain
// JSON of `nearrt apply` (src/chain/chain_json.h: genesis, actions,
// transactions). The first input byte picks the parser; the rest is the
// JSON text. Properties: no crash, no exception escaping, no hang; a state
// that parses prints back to the same map.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_util.h"
#include "near_kv_wasm.h"
#include "fuzz_vm.h"
#include "vm/runner_json.h"
#include "vm/scenario.h"

#ifdef NEARRT_FUZZ_CHAIN
#include "chain/chain_json.h"
#endif

using namespace nearrt;
using namespace nearrt::vm;

namespace {

// Scenario code references: "kv" is a small contract (fuzz/wat/near_kv.wat),
// "empty" an empty module, anything else fails to load.
Result<Bytes> LoadCode(const std::string& ref) {
  if (ref == "kv") return Bytes(std::begin(nearrt::fuzz::kNearKvWasm), std::end(nearrt::fuzz::kNearKvWasm));
  if (ref == "empty") return Bytes{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  return Err("no such code: " + ref);
}

void FuzzState(std::string_view text) {
  auto state = ParseStateJson(text);
  if (!state.ok()) return;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : *state) j[Base64Encode(k)] = Base64Encode(v);
  auto again = ParseStateJson(j.dump());
  FUZZ_CHECK(again.ok() && *again == *state);
}

#ifdef NEARRT_FUZZ_CHAIN
// A small chain to sign transactions against (built once).
const chain::LocalChain* FixtureChain() {
  static const std::unique_ptr<chain::LocalChain> kChain = [] {
    auto doc = chain::ParseJsonText(
        R"({"accounts": [{"account_id": "alice.near", "amount": "1000000000000000000000000000",
                          "test_key_seed": "alice.near"},
                         {"account_id": "bob.near", "amount": "1000000000000000000000000"}]})",
        "genesis");
    FUZZ_CHECK(doc.ok());
    auto genesis = chain::GenesisFromJson(*doc, std::nullopt);
    FUZZ_CHECK(genesis.ok());
    auto c = chain::LocalChain::Create(*genesis);
    FUZZ_CHECK(c.ok());
    return std::move(*c);
  }();
  return kChain.get();
}

// Genesis, one action, or a list of transactions (parsed and signed, not
// applied: a deployed contract could burn 300 Tgas in a loop).
void FuzzChain(uint8_t which, std::string_view text) {
  auto doc = chain::ParseJsonText(text, "input");
  if (!doc.ok()) return;
  switch (which % 3) {
    case 0:
      (void)chain::GenesisFromJson(*doc, std::nullopt);
      break;
    case 1:
      (void)chain::ActionFromJson(*doc, std::nullopt);
      break;
    case 2:
      (void)chain::TransactionsFromJson(*doc, *FixtureChain(), std::nullopt);
      break;
  }
}
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t which = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (which % 8) {
    case 0:
    case 1: {
      auto ctx =
          ParseContextJson(text, DefaultRunnerContext(), nearrt::fuzz::Pv86Config().max_gas_burnt_view);
      (void)ctx;
      break;
    }
    case 2: {
      auto pr = ParsePromiseResultJson(text);
      (void)pr;
      break;
    }
    case 3:
      FuzzState(text);
      break;
    case 4: {
      RuntimeConfig config = nearrt::fuzz::Pv86Config();
      (void)ApplyConfigJson(text, &config);
      break;
    }
    case 5:
    case 6: {
      auto result = RunScenario(text, LoadCode);
      if (result.ok()) {
        for (const auto& step : result->steps) {
          FUZZ_CHECK(!nlohmann::json::parse(step.output_json, nullptr, false).is_discarded());
        }
      }
      break;
    }
    case 7:
#ifdef NEARRT_FUZZ_CHAIN
      FuzzChain(which >> 3, text);
#endif
      break;
  }
  return 0;
}
