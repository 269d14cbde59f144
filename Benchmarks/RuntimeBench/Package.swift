// swift-tools-version:6.0
import PackageDescription

// Benchmarks of the reference runtime against the same work written directly on
// Glibc, in the same run. Built by Benchmarks/bench-runtime.sh, which places a
// `witgen` link to the checkout next to this package.
let package = Package(
    name: "RuntimeBench",
    dependencies: [.package(path: "../witgen")],
    targets: [
        .executableTarget(
            name: "RuntimeBench",
            dependencies: [
                .product(name: "WASINetworkingGlibc", package: "witgen"),
                .product(name: "WASINetworking", package: "witgen"),
            ]
        ),
    ]
)
