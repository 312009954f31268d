;; Unbounded recursion (nearcore's vm.md vector 13 shape).
(module
  (func $f (export "main") (call $f)))
