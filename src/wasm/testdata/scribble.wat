;; Writes all over its memory: stores (one crossing a page end), a fill in a
;; grown page, a data segment.
(module
  (memory 1 4)
  (data (i32.const 100) "data segment")
  (func (export "scribble")
    (drop (memory.grow (i32.const 2)))
    (i64.store (i32.const 65532) (i64.const -1))
    (i32.store (i32.const 7) (i32.const 0x12345678))
    (i32.store (i32.const 100000) (i32.const 5))  ;; the only write to page 1
    (memory.fill (i32.const 131072) (i32.const 0xAB) (i32.const 1000))
    (i32.store8 (i32.const 196607) (i32.const 1))))
