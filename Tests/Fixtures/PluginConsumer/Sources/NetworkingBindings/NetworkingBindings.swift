// The bindings of the repository's Interfaces/ (wit/, copied in by Scripts/check-plugin-fixture), as a module of their own.
