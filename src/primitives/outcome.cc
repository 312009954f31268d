#include "primitives/outcome.h"

namespace nearrt {

std::string TxExecutionError::ToJson() const {
  if (type == Type::kInvalidTxError) return "{\"InvalidTxError\":" + kind_json + "}";
  std::string idx = index ? std::to_string(*index) : "null";
  return "{\"ActionError\":{\"index\":" + idx + ",\"kind\":" + kind_json + "}}";
}

Bytes ExecutionOutcome::PartialBorsh() const {
  BorshWriter w;
  w.Vector(receipt_ids, [](BorshWriter& x, const CryptoHash& h) { x.Fixed(h.view()); });
  w.U64(gas_burnt);
  w.U128(tokens_burnt);
  w.String(executor_id.str());
  w.U8(static_cast<uint8_t>(status.kind));
  if (status.kind == ExecutionStatus::Kind::kSuccessValue) w.Bytes(status.value);
  if (status.kind == ExecutionStatus::Kind::kSuccessReceiptId) w.Fixed(status.receipt_id.view());
  return w.Take();
}

std::vector<CryptoHash> ExecutionOutcomeWithId::ToHashes() const {
  std::vector<CryptoHash> out;
  out.reserve(2 + outcome.logs.size());
  out.push_back(id);
  out.push_back(CryptoHash::Of(outcome.PartialBorsh()));
  for (const auto& log : outcome.logs) out.push_back(CryptoHash::Of(AsBytes(log)));
  return out;
}

}  // namespace nearrt
