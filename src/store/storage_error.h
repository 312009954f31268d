// Errors of the state storage layer, after nearcore's StorageError
// (core/primitives/src/errors.rs).
#pragma once

#include <cstdint>
#include <string>

#include "primitives/crypto_hash.h"
#include "util/result.h"

namespace nearrt::store {

enum class StorageErrorKind : uint8_t {
  // A node or value needed by the operation is not in storage. For a
  // witness-only trie this means the witness is invalid (nearcore
  // StorageError::MissingTrieValue).
  kMissingTrieValue,
  // A stored node does not decode, or state is otherwise inconsistent
  // (nearcore StorageError::StorageInconsistentState).
  kInconsistentState,
  // The key-value backend failed (nearcore StorageError::StorageInternalError).
  kInternal,
  // The caller passed something the store cannot accept (e.g. a key too long).
  kInvalidInput,
};

// nearcore MissingTrieValueContext; the numbers are its borsh tags.
enum class MissingTrieValueContext : uint8_t {
  kTrieIterator = 0,
  kTriePrefetchingStorage = 1,
  kTrieMemoryPartialStorage = 2,
  kTrieStorage = 3,
};

struct StorageError {
  StorageErrorKind kind = StorageErrorKind::kInternal;
  MissingTrieValueContext context = MissingTrieValueContext::kTrieStorage;
  CryptoHash hash;       // for kMissingTrieValue
  std::string message;

  static StorageError Missing(MissingTrieValueContext context, const CryptoHash& hash) {
    StorageError e;
    e.kind = StorageErrorKind::kMissingTrieValue;
    e.context = context;
    e.hash = hash;
    e.message = "missing trie value " + hash.ToBase58() +
                (context == MissingTrieValueContext::kTrieMemoryPartialStorage
                     ? " (not in the state witness)"
                     : "");
    return e;
  }
  static StorageError Inconsistent(std::string msg) {
    StorageError e;
    e.kind = StorageErrorKind::kInconsistentState;
    e.message = std::move(msg);
    return e;
  }
  static StorageError Internal(std::string msg) {
    StorageError e;
    e.kind = StorageErrorKind::kInternal;
    e.message = std::move(msg);
    return e;
  }
  static StorageError InvalidInput(std::string msg) {
    StorageError e;
    e.kind = StorageErrorKind::kInvalidInput;
    e.message = std::move(msg);
    return e;
  }
  bool IsMissing() const { return kind == StorageErrorKind::kMissingTrieValue; }
  Error ToError() const { return Error(message); }
};

template <class T>
using StorageResult = Result<T, StorageError>;
using StorageStatus = Result<void, StorageError>;

}  // namespace nearrt::store
