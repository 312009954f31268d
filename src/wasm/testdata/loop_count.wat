;; Loop whose per-iteration cost is 8 instructions (loop is charged on every
;; entry of its body), then one more instruction after it.
(module
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l)
    local.get $i))
