;; Calls a host function after 3 instructions; the host sees what was charged.
(module
  (import "env" "probe" (func $probe (param i32)))
  (func (export "run") (result i32)
    i32.const 7
    call $probe
    i32.const 1
    i32.const 2
    i32.add))
