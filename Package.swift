// swift-tools-version:6.0
import PackageDescription

// witgen: a WIT interface code generator for Swift.
// No package dependencies, by design: fast cold builds and nothing to audit.
let package = Package(
    name: "witgen",
    products: [
        .library(name: "WIT", targets: ["WIT"]),
        .library(name: "WITGenerator", targets: ["WITGenerator"]),
        .executable(name: "witgen", targets: ["witgen"]),
    ],
    targets: [
        .target(name: "WIT"),
        .target(name: "WITGenerator", dependencies: ["WIT"]),
        .executableTarget(name: "witgen", dependencies: ["WIT", "WITGenerator"]),
        .testTarget(name: "WITTests", dependencies: ["WIT"]),
        .testTarget(name: "WITGeneratorTests", dependencies: ["WIT", "WITGenerator"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
