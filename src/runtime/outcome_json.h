// JSON views of outcomes and receipts, shaped like nearcore's RPC views
// (ExecutionOutcomeView, ReceiptView): ids in base58, balances as decimal
// strings, SuccessValue in base64.
#pragma once

#include <nlohmann/json.hpp>

#include "primitives/outcome.h"
#include "primitives/receipt.h"

namespace nearrt::runtime {

nlohmann::json StatusToJson(const ExecutionStatus& s);
nlohmann::json OutcomeToJson(const ExecutionOutcomeWithId& o);
nlohmann::json ReceiptToJson(const Receipt& r);
nlohmann::json ActionToJson(const Action& a);

}  // namespace nearrt::runtime
