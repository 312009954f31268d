;; Branch-heavy code: block results, br_table with values, if/else.
(module
  (func (export "classify") (param $x i32) (result i32)
    (block $d (result i32)
      (block $c (result i32)
        (block $b (result i32)
          (block $a (result i32)
            i32.const 100
            local.get $x
            br_table $a $b $c $d)
          i32.const 1
          i32.add
          br $d)
        i32.const 2
        i32.add
        br $d)
      i32.const 3
      i32.add))
  (func (export "sum_if") (param $n i32) (result i32)
    (local $s i32)
    (block $exit
      (loop $l
        local.get $n
        i32.eqz
        br_if $exit
        (if (i32.and (local.get $n) (i32.const 1))
          (then (local.set $s (i32.add (local.get $s) (local.get $n))))
          (else (local.set $s (i32.sub (local.get $s) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        br $l))
    local.get $s))
