(module
  (memory 1 4)
  (func (export "grow") (param $n i32) (result i32)
    local.get $n
    memory.grow))
