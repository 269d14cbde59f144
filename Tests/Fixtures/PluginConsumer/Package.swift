// swift-tools-version:6.0
import PackageDescription

// A consumer of witgen's build plugin. Greeter's .wit file sits among its sources;
// Stamper keeps its WIT in wit/ with wit/deps/ (wasi:clocks and wasi:io, which
// Scripts/check-plugin-fixture copies from WASI 0.2's WIT into its copy of this
// package) and maps those two packages to Clocks, whose wit/ is WASI 0.2's clocks
// package (copied the same way). The script builds a copy whose dependency is a tagged git copy of the
// checkout, by version (as users depend on witgen); `../witgen` here is for building
// it by hand next to a checkout.
let package = Package(
    name: "PluginConsumer",
    dependencies: [.package(path: "../witgen")],
    targets: [
        .executableTarget(
            name: "Greeter",
            dependencies: [.product(name: "WITSupport", package: "witgen")],
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
        // wasi:clocks' bindings, in a module of their own that Stamper maps wasi:clocks to.
        .target(
            name: "Clocks",
            dependencies: [.product(name: "WITSupport", package: "witgen")],
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
        // Two binding modules of different WIT (wit/ copied in by the script), used by one program.
        .target(
            name: "WASIBindings",
            dependencies: [.product(name: "WITSupport", package: "witgen")],
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
        .target(
            name: "NetworkingBindings",
            dependencies: [.product(name: "WITSupport", package: "witgen")],
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
        .executableTarget(
            name: "TwoModules",
            dependencies: ["WASIBindings", "NetworkingBindings", .product(name: "WITSupport", package: "witgen")]
        ),
        .executableTarget(
            name: "Stamper",
            dependencies: ["Clocks", .product(name: "WITSupport", package: "witgen")],
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
    ]
)
