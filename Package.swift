// swift-tools-version:6.1
import PackageDescription

// witgen: a WIT interface code generator for Swift.
// No package dependencies, by design: fast cold builds and nothing to audit.
let package = Package(
    name: "witgen",
    products: [
        .library(name: "WIT", targets: ["WIT"]),
        .library(name: "WITGenerator", targets: ["WITGenerator"]),
        .library(name: "WITSupport", targets: ["WITSupport"]),
        .library(name: "WASINetworking", targets: ["WASINetworking"]),
        .library(name: "WASINetworkingGlibc", targets: ["WASINetworkingGlibc"]),
        .library(name: "WasmtimeEngine", targets: ["WasmtimeEngine"]),
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
        // The types every generated Swift file imports (WITResult, WITNone, …): one copy for
        // all binding modules of a program. No dependencies; its API stays source-stable.
        .target(name: "WITSupport"),
        // The generated Swift host bindings of Interfaces/ (written by `swift run witgen generate`).
        .target(name: "WASINetworking", dependencies: ["WITSupport"], path: "Generated/Swift"),
        // The reference runtime: the generated protocols on Glibc sockets, under a NetworkPolicy.
        .target(name: "WASINetworkingGlibc", dependencies: ["WASINetworking"]),
        .executableTarget(name: "wasi-net", dependencies: ["WASINetworking", "WASINetworkingGlibc"]),
        // Wasmtime's component C API, loaded at run time (dlopen): no package dependency, no
        // link flags; the package builds where Wasmtime is not installed.
        .target(name: "WasmtimeEngine"),
        // The command line (arguments, files, outputs, exit codes), for the two executables below.
        .target(name: "WITCommandLine", dependencies: ["WIT", "WITGenerator"]),
        // `witgen`, as people run it (`swift run witgen generate`). On Linux it is one static
        // executable: no dynamic loading of the Swift runtime, whose startup would otherwise
        // cost more than the whole of a small `generate` (about 2.5 ms of 3.5 ms for "hello").
        // lld links it, because the default linker (gold) warns about glibc's dlopen in static
        // programs. SwiftPM refuses such flags in a package used as a dependency, so the
        // plugins run `witgen-plugin-tool` instead.
        .executableTarget(
            name: "witgen",
            dependencies: ["WITCommandLine"],
            linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld"], .when(platforms: [.linux]))]
        ),
        // The same command line, linked as usual, for the plugins: they must build in
        // consumer packages that depend on this one by version, where unsafe flags are refused.
        .executableTarget(name: "witgen-plugin-tool", dependencies: ["WITCommandLine"]),
        .plugin(name: "WITBindingsPlugin", capability: .buildTool(), dependencies: ["witgen-plugin-tool"]),
        .plugin(
            name: "GenerateBindingsCommand",
            capability: .command(
                intent: .custom(verb: "generate-bindings", description: "Regenerate Generated/ from Interfaces/ with witgen"),
                permissions: [.writeToPackageDirectory(reason: "witgen writes the generated bindings into Generated/")]
            ),
            dependencies: ["witgen-plugin-tool"]
        ),
        // What the test targets share (they cannot import each other): the package root and
        // one way to load WIT, from memory or from disk as `witgen` reads it. In no product.
        .target(name: "WITTestSupport", dependencies: ["WIT"], path: "Tests/WITTestSupport"),
        .testTarget(name: "WITTests", dependencies: ["WIT", "WITTestSupport"]),
        // The golden tests diff with the command line's UnifiedDiff, as `generate --check` does.
        .testTarget(name: "WITGeneratorTests", dependencies: ["WIT", "WITGenerator", "WITCommandLine", "WITTestSupport"]),
        .testTarget(name: "WASINetworkingTests", dependencies: ["WASINetworking", "WIT", "WITTestSupport"]),
        .testTarget(name: "witgenTests", dependencies: ["WITCommandLine"]),
        .testTarget(name: "WasmtimeEngineTests", dependencies: ["WasmtimeEngine"], exclude: ["Components"]),
        .testTarget(name: "WASINetworkingGlibcTests", dependencies: ["WASINetworkingGlibc", "WASINetworking", "wasi-net"]),
    ],
    swiftLanguageModes: [.v6]
)
