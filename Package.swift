// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tongwen",
    products: [
        .library(name: "Tongwen", targets: ["Tongwen"]),
        .executable(name: "tongwen", targets: ["tongwen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The compiled dictionary tables, embedded in the binary with #embed.
        .target(name: "CTongwenData", exclude: ["tables.bin"]),
        // The only place that includes ICU's headers (system ICU, Debian libicu-dev).
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "Tongwen", dependencies: ["CTongwenData", "CICUShim"]),
        .executableTarget(
            name: "tongwen",
            dependencies: ["Tongwen", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Regenerates Sources/CTongwenData/tables.bin from Data/.
        .executableTarget(name: "tongwen-compile-data", dependencies: ["Tongwen"]),
        .target(name: "TongwenTestSupport", path: "Tests/TongwenTestSupport"),
        .testTarget(name: "TongwenTests", dependencies: ["Tongwen", "TongwenTestSupport"]),
        .testTarget(name: "TongwenCLITests", dependencies: ["tongwen", "TongwenTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
