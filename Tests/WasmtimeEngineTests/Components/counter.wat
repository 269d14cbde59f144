;; A component for the engine adapter's resource tests: it imports a host resource
;; `counter` of `test:host/counters` with a constructor and a method, and exports `count`,
;; which makes a counter starting at `start`, calls `next` twice, drops it and returns the
;; second answer.
;; Rebuild counter.wasm with: wasm-tools parse counter.wat -o counter.wasm
(component
  (import "test:host/counters" (instance $counters
    (export "counter" (type $counter (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.next" (func (param "self" (borrow $counter)) (result u32)))))
  (alias export $counters "counter" (type $counter))
  (alias export $counters "[constructor]counter" (func $new))
  (alias export $counters "[method]counter.next" (func $next))
  (core func $new-lowered (canon lower (func $new)))
  (core func $next-lowered (canon lower (func $next)))
  (core func $drop (canon resource.drop $counter))
  (core module $m
    (import "host" "new" (func $new (param i32) (result i32)))
    (import "host" "next" (func $next (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (func (export "count") (param i32) (result i32)
      (local $handle i32)
      local.get 0
      call $new
      local.set $handle
      local.get $handle
      call $next
      drop
      local.get $handle
      call $next
      local.get $handle
      call $drop))
  (core instance $instance (instantiate $m
    (with "host" (instance
      (export "new" (func $new-lowered)) (export "next" (func $next-lowered)) (export "drop" (func $drop))))))
  (func (export "count") (param "start" u32) (result u32) (canon lift (core func $instance "count"))))
