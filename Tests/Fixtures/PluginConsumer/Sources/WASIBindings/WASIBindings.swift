// The bindings of WASI 0.2 (wit/, copied in by Scripts/check-plugin-fixture), as a module of their own.
