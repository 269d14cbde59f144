// swift-tools-version:6.0
import PackageDescription

// A consumer of witgen's build plugin: the Greeter target's .wit file becomes
// Swift bindings at build time. Scripts/check-plugin-fixture builds a copy of it
// whose dependency is a tagged git copy of the checkout, by version (as users
// depend on witgen); `../witgen` here is for building it by hand next to a checkout.
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
