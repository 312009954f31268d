(module
  (func (export "f32_add") (param f32 f32) (result f32) local.get 0 local.get 1 f32.add)
  (func (export "f64_add") (param f64 f64) (result f64) local.get 0 local.get 1 f64.add)
  (func (export "f32_neg") (param f32) (result f32) local.get 0 f32.neg)
  (func (export "f32_sqrt") (param f32) (result f32) local.get 0 f32.sqrt)
  (func (export "copysign_sqrt") (result f32)
    f32.const 1 f32.const -1 f32.sqrt f32.copysign))
