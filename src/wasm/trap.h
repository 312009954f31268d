// Traps and execution outcomes of the engine, reported as values.
#pragma once

#include <cstdint>
#include <string>

namespace nearrt::wasm {

// DO NOT CHANGE the values: they are stable identifiers used in outputs.
enum class TrapCode : uint8_t {
  None = 0,
  Unreachable = 1,
  MemoryOutOfBounds = 2,
  TableOutOfBounds = 3,
  IndirectCallToNull = 4,
  BadSignature = 5,           // call_indirect type mismatch
  IntegerDivideByZero = 6,
  IntegerOverflow = 7,        // div/rem overflow, trunc out of range
  InvalidConversion = 8,      // trunc of NaN
  CallStackExhausted = 9,     // engine's own frame/slot limit (spec "exhaustion")
  OutOfGas = 10,              // metering: the remaining gas cannot pay the next charge
  StackBudgetExhausted = 11,  // metering: the embedder's stack budget (NEAR's max_stack_height)
  HostError = 12,             // a host function failed; details are the embedder's
  Internal = 13,              // engine bug or resource failure; never expected
};

const char* TrapMessage(TrapCode code);

}  // namespace nearrt::wasm
