;; A WIT package written by hand in the component text format: $names instead
;; of numbers, inline types, block (; comments ;), and the older
;; `(interface "…")` spelling of interface names.
(component $pkg
  (type $types-iface (component
    (type $iface (instance
      (type $pt (record (field "x" u32) (field "y" (list u8))))
      (export "point" (type $point (eq $pt)))
      (export "res" (type $res (sub resource)))
      (type $ctor (func (param "p" $point) (result (own $res))))
      (export "[constructor]res" (func (type $ctor)))
      (export "[method]res.get" (func (param "self" (borrow $res)) (result (option $point))))
      (export "sum" (func async (param "values" (list u32 4)) (result (result u32 (error string)))))
    ))
    (export (interface "ex:named/types@0.1.0") (instance (type $iface)))
  ))
  (export "types" (type $types-iface))
  (type $user-iface (component
    (type $types-view (instance
      (type $pt (record (field "x" u32) (field "y" (list u8))))
      (export "point" (type (eq $pt)))
      (export "res" (type (sub resource)))
    ))
    (import "ex:named/types@0.1.0" (instance $t (type $types-view)))
    (alias export $t "point" (type $tp))
    (alias export $t "res" (type $tr))
    (type $user (instance
      (alias outer $user-iface $tp (type $p))
      (export "point" (type $point (eq $p)))
      (alias outer 1 $tr (type $r))
      (export "res" (type $res (eq $r)))
      (export "take" (func (param "r" (own $res)) (param "p" $point)))
    ))
    (export "ex:named/user@0.1.0" (instance (type $user)))
  ))
  (export "user" (type $user-iface))
  (@custom "package-docs" "\00{\22docs\22:\22Written by hand.\22}")
)
