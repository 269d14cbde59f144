// swift-tools-version:6.0
import PackageDescription

// A consumer of witgen's build plugin: the Greeter target's .wit file becomes
// Swift bindings at build time. Scripts/check-plugin-fixture builds it from a
// copy where `../witgen` points at the witgen checkout.
let package = Package(
    name: "PluginConsumer",
    dependencies: [.package(path: "../witgen")],
    targets: [
        .executableTarget(
            name: "Greeter",
            plugins: [.plugin(name: "WITBindingsPlugin", package: "witgen")]
        ),
    ]
)
