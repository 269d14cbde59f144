;; A component for the engine adapter's limit tests: `spin` runs forever, `grow` grows its
;; memory by some 64 KiB pages and returns the old size in pages, or -1 when it cannot.
;; Rebuild limits.wasm with: wasm-tools parse limits.wat -o limits.wasm
(component
  (core module $m
    (memory 1)
    (func (export "spin") (loop $forever (br $forever)))
    (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
  (core instance $instance (instantiate $m))
  (func (export "spin") (canon lift (core func $instance "spin")))
  (func (export "grow") (param "pages" u32) (result s32) (canon lift (core func $instance "grow"))))
