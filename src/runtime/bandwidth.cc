#include "runtime/bandwidth.h"

namespace nearrt::runtime {

Result<CryptoHash> RunBandwidthScheduler(TrieUpdate& update, const ApplyState& state) {
  const RuntimeParams& cfg = *state.config;
  // Read the previous state (absent: V1 with no allowances and a zero hash).
  std::optional<uint64_t> allowance;
  CryptoHash sanity;
  NEARRT_ASSIGN_OR_RETURN(auto raw, GetRaw(update, TrieKey::BandwidthSchedulerState()));
  if (raw) {
    BorshReader r(*raw);
    NEARRT_ASSIGN_OR_RETURN(uint8_t tag, r.U8());
    if (tag != 0) return Err("unknown BandwidthSchedulerState version");
    NEARRT_ASSIGN_OR_RETURN(uint32_t n, r.U32());
    for (uint32_t i = 0; i < n; ++i) {
      NEARRT_ASSIGN_OR_RETURN(uint64_t sender, r.U64());
      NEARRT_ASSIGN_OR_RETURN(uint64_t receiver, r.U64());
      NEARRT_ASSIGN_OR_RETURN(uint64_t a, r.U64());
      if (sender == 0 && receiver == 0) allowance = a;  // other shards are not in the layout
    }
    NEARRT_ASSIGN_OR_RETURN(ByteView h, r.Fixed(32));
    NEARRT_ASSIGN_OR_RETURN(sanity, CryptoHash::FromBytes(h));
    NEARRT_TRY(r.ExpectEnd());
  }
  // BandwidthSchedulerParams::calculate for one shard.
  uint64_t base = std::min(cfg.max_shard_bandwidth - cfg.max_single_grant, cfg.max_base_bandwidth);
  // increase_allowances: fair share = max_shard_bandwidth / 1.
  uint64_t a = allowance.value_or(0);
  a = a + cfg.max_shard_bandwidth < a ? UINT64_MAX : a + cfg.max_shard_bandwidth;
  a = std::min(a, cfg.max_allowance);
  // grant_base_bandwidth: only on an allowed link, within the budgets.
  bool allowed = state.has_congestion_info;
  if (allowed && cfg.max_shard_bandwidth >= base) a = a > base ? a - base : 0;
  // (No bandwidth requests: this chain never buffers outgoing receipts.
  // distribute_remaining_bandwidth does not touch allowances.)
  BorshWriter w;
  w.U8(0);
  w.U32(1);
  w.U64(0);
  w.U64(0);
  w.U64(a);
  // sanity_check_hash = sha256(prev ‖ sha256(borsh(vec![ShardId(0)]))).
  BorshWriter shards;
  shards.U32(1);
  shards.U64(0);
  CryptoHash shards_hash = CryptoHash::Of(shards.data());
  Bytes buf(sanity.bytes.begin(), sanity.bytes.end());
  buf.insert(buf.end(), shards_hash.bytes.begin(), shards_hash.bytes.end());
  CryptoHash next = CryptoHash::Of(buf);
  w.Fixed(next.view());
  Bytes value = w.Take();
  CryptoHash state_hash = CryptoHash::Of(value);
  SetRaw(update, TrieKey::BandwidthSchedulerState(), std::move(value));
  store::StateChangeCause cause;
  cause.kind = store::StateChangeCause::kBandwidthSchedulerStateUpdate;
  update.Commit(cause);
  return state_hash;
}

}  // namespace nearrt::runtime
