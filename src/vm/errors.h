// nearcore's error taxonomy for contract execution (runtime/near-vm-runner/
// src/logic/errors.rs): HostError, FunctionCallError and its parts, and the
// VMLogicError a host function returns. Message() gives nearcore's Display
// strings byte for byte; variant names are nearcore's (they appear in JSON).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nearrt::vm {

// X(Variant, fields, field_a, field_b): the HostError variants in nearcore's
// declaration order. fields: 0 = none, 1 = one u64 (a), 2 = two u64 (a, b),
// 3 = one string (text). The field names are nearcore's (for JSON).
#define NEARRT_HOST_ERRORS(X)                                                        \
  X(BadUTF16, 0, "", "")                                                             \
  X(BadUTF8, 0, "", "")                                                              \
  X(GasExceeded, 0, "", "")                                                          \
  X(GasLimitExceeded, 0, "", "")                                                     \
  X(BalanceExceeded, 0, "", "")                                                      \
  X(EmptyMethodName, 0, "", "")                                                      \
  X(GuestPanic, 3, "panic_msg", "")                                                  \
  X(IntegerOverflow, 0, "", "")                                                      \
  X(InvalidPromiseIndex, 1, "promise_idx", "")                                       \
  X(CannotAppendActionToJointPromise, 0, "", "")                                     \
  X(CannotReturnJointPromise, 0, "", "")                                             \
  X(CannotSetRefundToOnJointPromise, 0, "", "")                                      \
  X(InvalidPromiseResultIndex, 1, "result_idx", "")                                  \
  X(InvalidRegisterId, 1, "register_id", "")                                         \
  X(MemoryAccessViolation, 0, "", "")                                                \
  X(InvalidReceiptIndex, 1, "receipt_index", "")                                     \
  X(InvalidIteratorIndex, 1, "iterator_index", "")                                   \
  X(InvalidActionIndex, 2, "receipt_index", "action_index")                          \
  X(InvalidAccountId, 0, "", "")                                                     \
  X(InvalidMethodName, 0, "", "")                                                    \
  X(InvalidPublicKey, 0, "", "")                                                     \
  X(ProhibitedInView, 3, "method_name", "")                                          \
  X(NumberOfLogsExceeded, 1, "limit", "")                                            \
  X(KeyLengthExceeded, 2, "length", "limit")                                         \
  X(ValueLengthExceeded, 2, "length", "limit")                                       \
  X(TotalLogLengthExceeded, 2, "length", "limit")                                    \
  X(NumberPromisesExceeded, 2, "number_of_promises", "limit")                        \
  X(NumberInputDataDependenciesExceeded, 2, "number_of_input_data_dependencies", "limit") \
  X(ReturnedValueLengthExceeded, 2, "length", "limit")                               \
  X(ContractSizeExceeded, 2, "size", "limit")                                        \
  X(Deprecated, 3, "method_name", "")                                                \
  X(ECRecoverError, 3, "msg", "")                                                    \
  X(AltBn128InvalidInput, 3, "msg", "")                                              \
  X(Ed25519VerifyInvalidInput, 3, "msg", "")                                         \
  X(P256VerifyInvalidInput, 3, "msg", "")                                            \
  X(BLS12381InvalidInput, 3, "msg", "")                                              \
  X(YieldPayloadLength, 2, "length", "limit")                                        \
  X(DataIdMalformed, 0, "", "")                                                      \
  X(YieldIdMalformed, 0, "", "")                                                     \
  X(RecordedStorageExceeded, 1, "limit", "")                                         \
  X(ContractCodeHashMalformed, 0, "", "")                                            \
  X(DataEntryAlreadyExists, 0, "", "")

enum class HostErrorKind : uint8_t {
#define NEARRT_X(name, fields, fa, fb) name,
  NEARRT_HOST_ERRORS(NEARRT_X)
#undef NEARRT_X
};

// A HostError: the kind plus its fields (which ones are used depends on the
// kind, see NEARRT_HOST_ERRORS).
struct HostError {
  HostErrorKind kind = HostErrorKind::MemoryAccessViolation;
  uint64_t a = 0;
  uint64_t b = 0;
  std::string text;

  HostError() = default;
  HostError(HostErrorKind k) : kind(k) {}  // NOLINT: implicit on purpose
  HostError(HostErrorKind k, uint64_t x, uint64_t y = 0) : kind(k), a(x), b(y) {}
  HostError(HostErrorKind k, std::string t) : kind(k), text(std::move(t)) {}

  // nearcore's Display string, e.g. "Smart contract panicked: explicit guest panic".
  std::string Message() const;
  // The variant name, e.g. "GuestPanic".
  std::string_view Name() const;
  bool operator==(const HostError&) const = default;
};

// Field layout of a kind: 0 none, 1 one u64, 2 two u64, 3 string.
int HostErrorFieldLayout(HostErrorKind kind);
// JSON field names of a kind (empty when unused).
std::string_view HostErrorFieldName(HostErrorKind kind, int which);

// What a host function fails with. External and inconsistent-state errors are
// node-level (nearcore VMRunnerError), never part of an outcome.
struct VMLogicError {
  enum class Kind : uint8_t { kHost, kExternal, kInconsistentState };
  Kind kind = Kind::kHost;
  HostError host;
  // kExternal: a description of the failure in the External implementation.
  std::string external;

  VMLogicError() = default;
  VMLogicError(HostError h) : host(std::move(h)) {}  // NOLINT: implicit on purpose
  VMLogicError(HostErrorKind k) : host(k) {}         // NOLINT
  static VMLogicError External(std::string what) {
    VMLogicError e;
    e.kind = Kind::kExternal;
    e.external = std::move(what);
    return e;
  }
  // InconsistentStateError::IntegerOverflow (the only variant).
  static VMLogicError InconsistentState() {
    VMLogicError e;
    e.kind = Kind::kInconsistentState;
    return e;
  }
  bool is_host() const { return kind == Kind::kHost; }
  std::string Message() const;
  bool operator==(const VMLogicError&) const = default;
};

template <class T>
using VMResult = Result<T, VMLogicError>;
using VMStatus = Result<void, VMLogicError>;

enum class WasmTrap : uint8_t {
  Unreachable,
  IncorrectCallIndirectSignature,
  MemoryOutOfBounds,
  CallIndirectOOB,
  IllegalArithmetic,
  MisalignedAtomicAccess,
  IndirectCallToNull,
  StackOverflow,
  GenericTrap,
};
std::string_view WasmTrapName(WasmTrap trap);
std::string WasmTrapMessage(WasmTrap trap);

enum class MethodResolveError : uint8_t { MethodEmptyName, MethodNotFound, MethodInvalidSignature };
std::string_view MethodResolveErrorName(MethodResolveError e);

// DO NOT CHANGE THE VALUES: nearcore's borsh discriminants.
enum class PrepareError : uint8_t {
  Serialization = 0,
  Deserialization = 1,
  InternalMemoryDeclared = 2,
  GasInstrumentation = 3,
  StackHeightInstrumentation = 4,
  Instantiate = 5,
  Memory = 6,
  TooManyFunctions = 7,
  TooManyLocals = 8,
  TooManyTables = 9,
  TooManyTableElements = 10,
  FunctionBodyTooLarge = 11,
  InstrumentedCodeTooLarge = 12,
  TooManyBlocksPerFunction = 13,
  TooManyBlocksPerContract = 14,
  TooManyTypes = 15,
  TooManyParamsPerContract = 16,
  TooManyParamsPerFunction = 17,
  OperandStackTooLarge = 18,
};
std::string_view PrepareErrorName(PrepareError e);
std::string PrepareErrorMessage(PrepareError e);

struct CompilationError {
  enum class Kind : uint8_t { CodeDoesNotExist, PrepareError, WasmerCompileError, WasmtimeCompileError };
  Kind kind = Kind::PrepareError;
  vm::PrepareError prepare = vm::PrepareError::Deserialization;
  // CodeDoesNotExist: the account id; *CompileError: the message.
  std::string text;

  std::string Message() const;
  std::string_view Name() const;
  bool operator==(const CompilationError&) const = default;
};

// Permitted errors that end a function call (part of the outcome).
struct FunctionCallError {
  enum class Kind : uint8_t {
    CompilationError,
    LinkError,
    MethodResolveError,
    WasmTrap,
    HostError,
    LoadingError,
    WasmUnknownError,
  };
  Kind kind = Kind::HostError;
  vm::CompilationError compilation;
  vm::MethodResolveError method = vm::MethodResolveError::MethodNotFound;
  vm::WasmTrap trap = vm::WasmTrap::Unreachable;
  vm::HostError host;
  // LinkError / LoadingError / WasmUnknownError message.
  std::string msg;

  static FunctionCallError Compilation(vm::CompilationError e);
  static FunctionCallError Prepare(vm::PrepareError e);
  static FunctionCallError Link(std::string msg);
  static FunctionCallError MethodResolve(vm::MethodResolveError e);
  static FunctionCallError Trap(vm::WasmTrap t);
  static FunctionCallError Host(vm::HostError h);
  static FunctionCallError Loading(std::string msg);
  static FunctionCallError WasmUnknown(std::string msg);

  // nearcore's Display, e.g. "WebAssembly trap: An `unreachable` opcode was executed."
  std::string Message() const;
  std::string_view Name() const;
  bool operator==(const FunctionCallError&) const = default;
};

// Node-level failures (nearcore VMRunnerError) that produce no outcome.
struct VMRunnerError {
  enum class Kind : uint8_t {
    InconsistentStateError,
    CacheError,
    LoadingError,
    ExternalError,
    WasmUnknownError,
    ContractCodeNotPresent,
  };
  Kind kind = Kind::ExternalError;
  std::string msg;

  std::string Message() const;
  std::string_view Name() const;
};

// nearcore TryFrom<VMLogicError> for FunctionCallError: host errors become
// FunctionCallError::HostError, the others VMRunnerError.
Result<FunctionCallError, VMRunnerError> ToFunctionCallError(const VMLogicError& e);

// ByteSize's Display as nearcore prints RecordedStorageExceeded's limit
// (bytesize 1.1: decimal units, one fraction digit, e.g. "4.0 MB").
std::string FormatByteSize(uint64_t bytes);

}  // namespace nearrt::vm
