;; A straight line with two trapping instructions: finite-wasm splits its gas
;; points after each of them.
(module
  (memory 1)
  (func (export "two_loads") (param $addr i32)
    local.get $addr
    i32.load
    drop
    local.get $addr
    i32.load
    drop))
