;; A component for the engine adapter's tests: it imports two functions of an instance
;; `test:host/math` and exports three that call them (or trap).
;; Rebuild math.wasm with: wasm-tools parse math.wat -o math.wasm
(component
  (import "test:host/math" (instance $math
    (export "add-one" (func (param "x" u32) (result u32)))
    (export "fail" (func (param "x" u32) (result u32)))))
  (alias export $math "add-one" (func $add-one))
  (alias export $math "fail" (func $fail))
  (core func $add-one-lowered (canon lower (func $add-one)))
  (core func $fail-lowered (canon lower (func $fail)))
  (core module $m
    (import "math" "add-one" (func $add (param i32) (result i32)))
    (import "math" "fail" (func $fail (param i32) (result i32)))
    (func (export "twice") (param i32) (result i32) local.get 0 call $add call $add)
    (func (export "boom") (param i32) (result i32) unreachable)
    (func (export "call-fail") (param i32) (result i32) local.get 0 call $fail))
  (core instance $instance (instantiate $m
    (with "math" (instance (export "add-one" (func $add-one-lowered)) (export "fail" (func $fail-lowered))))))
  (func (export "twice") (param "x" u32) (result u32) (canon lift (core func $instance "twice")))
  (func (export "boom") (param "x" u32) (result u32) (canon lift (core func $instance "boom")))
  (func (export "call-fail") (param "x" u32) (result u32) (canon lift (core func $instance "call-fail"))))
