#include "vm/errors.h"

#include <cmath>
#include <cstdio>

namespace nearrt::vm {
namespace {

struct HostErrorInfo {
  std::string_view name;
  int layout;
  std::string_view field_a;
  std::string_view field_b;
};

constexpr HostErrorInfo kHostErrorInfo[] = {
#define NEARRT_X(name, fields, fa, fb) {#name, fields, fa, fb},
    NEARRT_HOST_ERRORS(NEARRT_X)
#undef NEARRT_X
};

std::string U(uint64_t v) { return std::to_string(v); }

}  // namespace

std::string_view HostError::Name() const { return kHostErrorInfo[static_cast<size_t>(kind)].name; }

int HostErrorFieldLayout(HostErrorKind kind) {
  return kHostErrorInfo[static_cast<size_t>(kind)].layout;
}

std::string_view HostErrorFieldName(HostErrorKind kind, int which) {
  const HostErrorInfo& i = kHostErrorInfo[static_cast<size_t>(kind)];
  return which == 0 ? i.field_a : i.field_b;
}

std::string FormatByteSize(uint64_t bytes) {
  // bytesize 1.1.0 src/lib.rs::to_string(bytes, si_prefix = false).
  constexpr uint64_t kUnit = 1000;
  constexpr double kUnitBase = 6.931471806;
  constexpr char kPrefix[] = "KMGTPE";
  if (bytes < kUnit) return std::to_string(bytes) + " B";
  double size = static_cast<double>(bytes);
  size_t exp = static_cast<size_t>(std::log(size) / kUnitBase);
  if (exp == 0) exp = 1;
  double div = 1;
  for (size_t i = 0; i < exp; ++i) div *= static_cast<double>(kUnit);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f %cB", size / div, kPrefix[exp - 1]);
  return buf;
}

// nearcore errors.rs `impl Display for HostError`.
std::string HostError::Message() const {
  using K = HostErrorKind;
  switch (kind) {
    case K::BadUTF8: return "String encoding is bad UTF-8 sequence.";
    case K::BadUTF16: return "String encoding is bad UTF-16 sequence.";
    case K::GasExceeded: return "Exceeded the prepaid gas.";
    case K::GasLimitExceeded:
      return "Exceeded the maximum amount of gas allowed to burn per contract.";
    case K::BalanceExceeded: return "Exceeded the account balance.";
    case K::EmptyMethodName: return "Tried to call an empty method name.";
    case K::GuestPanic: return "Smart contract panicked: " + text;
    case K::IntegerOverflow: return "Integer overflow.";
    case K::InvalidIteratorIndex: return "Iterator index " + U(a) + " does not exist";
    case K::InvalidPromiseIndex: return U(a) + " does not correspond to existing promises";
    case K::CannotAppendActionToJointPromise:
      return "Actions can only be appended to non-joint promise.";
    case K::CannotReturnJointPromise: return "Returning joint promise is currently prohibited.";
    case K::CannotSetRefundToOnJointPromise:
      return "Setting refund_to on a joint promise is prohibited.";
    case K::InvalidPromiseResultIndex: return "Accessed invalid promise result index: " + U(a);
    case K::InvalidRegisterId: return "Accessed invalid register id: " + U(a);
    case K::MemoryAccessViolation: return "Accessed memory outside the bounds.";
    case K::InvalidReceiptIndex: return "VM Logic returned an invalid receipt index: " + U(a);
    case K::InvalidActionIndex:
      return "Action " + U(b) + " in receipt " + U(a) +
             " does not exist or has the wrong type of action.";
    case K::InvalidAccountId: return "VM Logic returned an invalid account id";
    case K::InvalidMethodName: return "VM Logic returned an invalid method name";
    case K::InvalidPublicKey: return "VM Logic provided an invalid public key";
    case K::ProhibitedInView: return text + " is not allowed in view calls";
    case K::NumberOfLogsExceeded: return "The number of logs will exceed the limit " + U(a);
    case K::KeyLengthExceeded:
      return "The length of a storage key " + U(a) + " exceeds the limit " + U(b);
    case K::ValueLengthExceeded:
      return "The length of a storage value " + U(a) + " exceeds the limit " + U(b);
    case K::TotalLogLengthExceeded:
      return "The length of a log message " + U(a) + " exceeds the limit " + U(b);
    case K::NumberPromisesExceeded:
      return "The number of promises within a FunctionCall " + U(a) + " exceeds the limit " +
             U(b);
    case K::NumberInputDataDependenciesExceeded:
      return "The number of input data dependencies " + U(a) + " exceeds the limit " + U(b);
    case K::ReturnedValueLengthExceeded:
      return "The length of a returned value " + U(a) + " exceeds the limit " + U(b);
    case K::ContractSizeExceeded:
      return "The size of a contract code in DeployContract action " + U(a) +
             " exceeds the limit " + U(b);
    case K::Deprecated: return "Attempted to call deprecated host function " + text;
    case K::AltBn128InvalidInput: return "AltBn128 invalid input: " + text;
    case K::ECRecoverError: return "ECDSA recover error: " + text;
    case K::Ed25519VerifyInvalidInput: return "ED25519 signature verification error: " + text;
    case K::P256VerifyInvalidInput: return "P256 signature verification error: " + text;
    case K::BLS12381InvalidInput: return "BLS12-381 invalid input: " + text;
    case K::YieldPayloadLength:
      return "Yield resume payload is " + U(a) + " bytes which exceeds the " + U(b) +
             " byte limit";
    case K::DataIdMalformed: return "yield resumption token is malformed";
    case K::YieldIdMalformed: return "yield id is malformed";
    case K::RecordedStorageExceeded:
      return "Size of the recorded trie storage proof has exceeded the allowed limit (" +
             FormatByteSize(a) + ")";
    case K::ContractCodeHashMalformed: return "contract code hash is malformed";
    case K::DataEntryAlreadyExists: return "Data entry for given key already exists";
  }
  return "unknown host error";
}

std::string VMLogicError::Message() const {
  switch (kind) {
    case Kind::kHost: return host.Message();
    case Kind::kExternal: return "external error: " + external;
    case Kind::kInconsistentState:
      return "Math operation with a value from the state resulted in a integer overflow.";
  }
  return {};
}

std::string_view WasmTrapName(WasmTrap trap) {
  switch (trap) {
    case WasmTrap::Unreachable: return "Unreachable";
    case WasmTrap::IncorrectCallIndirectSignature: return "IncorrectCallIndirectSignature";
    case WasmTrap::MemoryOutOfBounds: return "MemoryOutOfBounds";
    case WasmTrap::CallIndirectOOB: return "CallIndirectOOB";
    case WasmTrap::IllegalArithmetic: return "IllegalArithmetic";
    case WasmTrap::MisalignedAtomicAccess: return "MisalignedAtomicAccess";
    case WasmTrap::IndirectCallToNull: return "IndirectCallToNull";
    case WasmTrap::StackOverflow: return "StackOverflow";
    case WasmTrap::GenericTrap: return "GenericTrap";
  }
  return "GenericTrap";
}

std::string WasmTrapMessage(WasmTrap trap) {
  switch (trap) {
    case WasmTrap::Unreachable: return "An `unreachable` opcode was executed.";
    case WasmTrap::IncorrectCallIndirectSignature: return "Call indirect incorrect signature trap.";
    case WasmTrap::MemoryOutOfBounds: return "Memory out of bounds trap.";
    case WasmTrap::CallIndirectOOB: return "Call indirect out of bounds trap.";
    case WasmTrap::IllegalArithmetic: return "An arithmetic exception, e.g. divided by zero.";
    case WasmTrap::MisalignedAtomicAccess: return "Misaligned atomic access trap.";
    case WasmTrap::GenericTrap: return "Generic trap.";
    case WasmTrap::StackOverflow: return "Stack overflow.";
    case WasmTrap::IndirectCallToNull: return "Indirect call to null.";
  }
  return "Generic trap.";
}

std::string_view MethodResolveErrorName(MethodResolveError e) {
  switch (e) {
    case MethodResolveError::MethodEmptyName: return "MethodEmptyName";
    case MethodResolveError::MethodNotFound: return "MethodNotFound";
    case MethodResolveError::MethodInvalidSignature: return "MethodInvalidSignature";
  }
  return "MethodNotFound";
}

std::string_view PrepareErrorName(PrepareError e) {
  static constexpr std::string_view kNames[] = {
      "Serialization",          "Deserialization",          "InternalMemoryDeclared",
      "GasInstrumentation",     "StackHeightInstrumentation", "Instantiate",
      "Memory",                 "TooManyFunctions",         "TooManyLocals",
      "TooManyTables",          "TooManyTableElements",     "FunctionBodyTooLarge",
      "InstrumentedCodeTooLarge", "TooManyBlocksPerFunction", "TooManyBlocksPerContract",
      "TooManyTypes",           "TooManyParamsPerContract", "TooManyParamsPerFunction",
      "OperandStackTooLarge",
  };
  return kNames[static_cast<size_t>(e)];
}

std::string PrepareErrorMessage(PrepareError e) {
  static constexpr std::string_view kMessages[] = {
      "Error happened while serializing the module.",
      "Error happened while deserializing the module.",
      "Internal memory declaration has been found in the module.",
      "Gas instrumentation failed.",
      "Stack instrumentation failed.",
      "Error happened during instantiation.",
      "Error creating memory.",
      "Too many functions in contract.",
      "Too many locals declared in the contract.",
      "Too many tables declared in the contract.",
      "Too many table elements declared in the contract.",
      "A function body in the contract exceeds the size limit.",
      "The instrumented code exceeds the size limit.",
      "Too many basic blocks in a function.",
      "Too many basic blocks in a contract.",
      "Too many type-section entries declared in the contract.",
      "Too many function parameters in the contract",
      "Too many parameters in a single function",
      "A function uses too much operand stack.",
  };
  return std::string(kMessages[static_cast<size_t>(e)]);
}

std::string CompilationError::Message() const {
  switch (kind) {
    case Kind::CodeDoesNotExist: return "cannot find contract code for account " + text;
    case Kind::PrepareError: return "PrepareError: " + PrepareErrorMessage(prepare);
    case Kind::WasmerCompileError: return "Wasmer compilation error: " + text;
    case Kind::WasmtimeCompileError: return "Wasmtime compilation error: " + text;
  }
  return {};
}

std::string_view CompilationError::Name() const {
  switch (kind) {
    case Kind::CodeDoesNotExist: return "CodeDoesNotExist";
    case Kind::PrepareError: return "PrepareError";
    case Kind::WasmerCompileError: return "WasmerCompileError";
    case Kind::WasmtimeCompileError: return "WasmtimeCompileError";
  }
  return {};
}

FunctionCallError FunctionCallError::Compilation(vm::CompilationError e) {
  FunctionCallError f;
  f.kind = Kind::CompilationError;
  f.compilation = std::move(e);
  return f;
}
FunctionCallError FunctionCallError::Prepare(vm::PrepareError e) {
  vm::CompilationError c;
  c.kind = vm::CompilationError::Kind::PrepareError;
  c.prepare = e;
  return Compilation(std::move(c));
}
FunctionCallError FunctionCallError::Link(std::string msg) {
  FunctionCallError f;
  f.kind = Kind::LinkError;
  f.msg = std::move(msg);
  return f;
}
FunctionCallError FunctionCallError::MethodResolve(vm::MethodResolveError e) {
  FunctionCallError f;
  f.kind = Kind::MethodResolveError;
  f.method = e;
  return f;
}
FunctionCallError FunctionCallError::Trap(vm::WasmTrap t) {
  FunctionCallError f;
  f.kind = Kind::WasmTrap;
  f.trap = t;
  return f;
}
FunctionCallError FunctionCallError::Host(vm::HostError h) {
  FunctionCallError f;
  f.kind = Kind::HostError;
  f.host = std::move(h);
  return f;
}
FunctionCallError FunctionCallError::Loading(std::string msg) {
  FunctionCallError f;
  f.kind = Kind::LoadingError;
  f.msg = std::move(msg);
  return f;
}
FunctionCallError FunctionCallError::WasmUnknown(std::string msg) {
  FunctionCallError f;
  f.kind = Kind::WasmUnknownError;
  f.msg = std::move(msg);
  return f;
}

std::string FunctionCallError::Message() const {
  switch (kind) {
    case Kind::CompilationError: return compilation.Message();
    case Kind::MethodResolveError: return std::string(MethodResolveErrorName(method));
    case Kind::HostError: return host.Message();
    case Kind::LinkError: return msg;
    case Kind::LoadingError: return "Loading error: " + msg;
    case Kind::WasmUnknownError: return "Unknown error during contract execution: " + msg;
    case Kind::WasmTrap: return "WebAssembly trap: " + WasmTrapMessage(trap);
  }
  return {};
}

std::string_view FunctionCallError::Name() const {
  switch (kind) {
    case Kind::CompilationError: return "CompilationError";
    case Kind::LinkError: return "LinkError";
    case Kind::MethodResolveError: return "MethodResolveError";
    case Kind::WasmTrap: return "WasmTrap";
    case Kind::HostError: return "HostError";
    case Kind::LoadingError: return "LoadingError";
    case Kind::WasmUnknownError: return "WasmUnknownError";
  }
  return {};
}

std::string VMRunnerError::Message() const {
  switch (kind) {
    case Kind::InconsistentStateError:
      return "Math operation with a value from the state resulted in a integer overflow.";
    case Kind::CacheError: return "cache error: " + msg;
    case Kind::LoadingError: return "loading error: " + msg;
    case Kind::ExternalError: return "external error";
    case Kind::WasmUnknownError: return "unknown error during contract execution: " + msg;
    case Kind::ContractCodeNotPresent: return "account has no associated contract code";
  }
  return {};
}

std::string_view VMRunnerError::Name() const {
  switch (kind) {
    case Kind::InconsistentStateError: return "InconsistentStateError";
    case Kind::CacheError: return "CacheError";
    case Kind::LoadingError: return "LoadingError";
    case Kind::ExternalError: return "ExternalError";
    case Kind::WasmUnknownError: return "WasmUnknownError";
    case Kind::ContractCodeNotPresent: return "ContractCodeNotPresent";
  }
  return {};
}

Result<FunctionCallError, VMRunnerError> ToFunctionCallError(const VMLogicError& e) {
  switch (e.kind) {
    case VMLogicError::Kind::kHost: return FunctionCallError::Host(e.host);
    case VMLogicError::Kind::kExternal:
      return Err(VMRunnerError{VMRunnerError::Kind::ExternalError, e.external});
    case VMLogicError::Kind::kInconsistentState:
      return Err(VMRunnerError{VMRunnerError::Kind::InconsistentStateError, {}});
  }
  return Err(VMRunnerError{VMRunnerError::Kind::ExternalError, "unknown"});
}

}  // namespace nearrt::vm
