// The bandwidth scheduler's persistent state for a single-shard chain
// (nearcore runtime/runtime/src/bandwidth_scheduler/). It runs for every
// chunk, including missing ones, and rewrites TrieKey::BandwidthSchedulerState:
//   BandwidthSchedulerState::V1{link_allowances, sanity_check_hash}
// With one shard and no bandwidth requests, the link (0, 0) gets
// +max_shard_bandwidth (capped at max_allowance), then the base grant is
// subtracted when the link is allowed (the shard's congestion info is known
// and its last chunk was not missing).
#pragma once

#include "runtime/runtime.h"

namespace nearrt::runtime {

// Updates the state, commits it (BandwidthSchedulerStateUpdate) and returns
// the state's hash (ApplyResult::bandwidth_scheduler_state_hash).
Result<CryptoHash> RunBandwidthScheduler(TrieUpdate& update, const ApplyState& state);

}  // namespace nearrt::runtime
