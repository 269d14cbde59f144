// swift-tools-version:6.0
import PackageDescription

// witgen: a WIT interface code generator for Swift.
// No package dependencies, by design: fast cold builds and nothing to audit.
let package = Package(
    name: "witgen",
    products: [
        .library(name: "WIT", targets: ["WIT"]),
        .library(name: "WITGenerator", targets: ["WITGenerator"]),
        .library(name: "WASINetworking", targets: ["WASINetworking"]),
        .library(name: "WASINetworkingGlibc", targets: ["WASINetworkingGlibc"]),
        .executable(name: "witgen", targets: ["witgen"]),
        .executable(name: "wasi-net", targets: ["wasi-net"]),
        .plugin(name: "WITBindingsPlugin", targets: ["WITBindingsPlugin"]),
        .plugin(name: "GenerateBindingsCommand", targets: ["GenerateBindingsCommand"]),
    ],
    targets: [
        // The resolved model every part reads; its own module so that the back ends
        // (which need only the model) compile side by side with the front end.
        .target(name: "WITModel"),
        .target(name: "WIT", dependencies: ["WITModel"]),
        .target(name: "WITGenerator", dependencies: ["WITModel"]),
        // The generated Swift host bindings of Interfaces/ (written by `swift run witgen generate`).
        .target(name: "WASINetworking", path: "Generated/Swift"),
        // The reference runtime: the generated protocols on Glibc sockets, under a NetworkPolicy.
        .target(name: "WASINetworkingGlibc", dependencies: ["WASINetworking"]),
        .executableTarget(name: "wasi-net", dependencies: ["WASINetworking", "WASINetworkingGlibc"]),
        .executableTarget(name: "witgen", dependencies: ["WIT", "WITGenerator"]),
        .plugin(name: "WITBindingsPlugin", capability: .buildTool(), dependencies: ["witgen"]),
        .plugin(
            name: "GenerateBindingsCommand",
            capability: .command(
                intent: .custom(verb: "generate-bindings", description: "Regenerate Generated/ from Interfaces/ with witgen"),
                permissions: [.writeToPackageDirectory(reason: "witgen writes the generated bindings into Generated/")]
            ),
            dependencies: ["witgen"]
        ),
        .testTarget(name: "WITTests", dependencies: ["WIT"]),
        .testTarget(name: "WITGeneratorTests", dependencies: ["WIT", "WITGenerator"], exclude: ["Golden"]),
        .testTarget(name: "WASINetworkingTests", dependencies: ["WASINetworking", "WIT"]),
        .testTarget(name: "witgenTests", dependencies: ["witgen"]),
        .testTarget(name: "WASINetworkingGlibcTests", dependencies: ["WASINetworkingGlibc", "WASINetworking", "wasi-net"]),
    ],
    swiftLanguageModes: [.v6]
)
