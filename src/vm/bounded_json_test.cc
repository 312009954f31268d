#include "vm/bounded_json.h"

#include <gtest/gtest.h>

#include <string>

#include "vm/config_store.h"
#include "vm/runner_json.h"
#include "vm/scenario.h"

namespace nearrt::vm {
namespace {

std::string Nested(int depth, const std::string& inner = "1") {
  std::string s;
  for (int i = 0; i < depth; ++i) s += (i % 2) ? "{\"k\":" : "[";
  s += inner;
  for (int i = depth; i-- > 0;) s += (i % 2) ? "}" : "]";
  return s;
}

TEST(BoundedJson, DepthLimit) {
  EXPECT_FALSE(ParseBoundedJson(Nested(kMaxJsonDepth)).is_discarded());
  EXPECT_TRUE(ParseBoundedJson(Nested(kMaxJsonDepth + 1)).is_discarded());
  EXPECT_TRUE(ParseBoundedJson("[1,").is_discarded());
  EXPECT_EQ(ParseBoundedJson(R"({"a": [1, {"b": null}]})")["a"][1].size(), 1u);
}

// Found by fuzz/json_fuzz.cc (regressions in fuzz/regressions/json_fuzz/):
// deeply nested input overflowed the stack in ApplyConfigJson (json copy) and
// RunScenario (dump of "args"). Now every parser says no.
TEST(BoundedJson, DeepInputsAreErrors) {
  const std::string deep = Nested(200000);
  RuntimeConfig config = *MainnetConfig();
  EXPECT_FALSE(ApplyConfigJson("{\"ext_costs\": " + deep + "}", &config).ok());
  EXPECT_FALSE(ParseContextJson("{\"input\": " + deep + "}", DefaultRunnerContext(), 1).ok());
  EXPECT_FALSE(ParseStateJson(deep).ok());
  EXPECT_FALSE(ParsePromiseResultJson(deep).ok());
  auto load = [](const std::string&) -> Result<Bytes> { return Bytes{0, 'a', 's', 'm', 1, 0, 0, 0}; };
  EXPECT_FALSE(RunScenario(R"({"accounts": {"a.near": {"code": "x"}}, "steps": [{"call": "a.near",
      "method": "m", "args": )" + deep + "}]}",
                           load)
                   .ok());
}

}  // namespace
}  // namespace nearrt::vm
