// swift-tools-version: 6.1
// The libFuzzer target lives in its own package so that its sanitizer build
// never touches the main one. Build and run it with Scripts/fuzz.
import PackageDescription

let package = Package(
    name: "TongwenFuzz",
    dependencies: [.package(name: "Tongwen", path: "..")],
    targets: [
        .executableTarget(name: "FuzzTongwen", dependencies: [.product(name: "Tongwen", package: "Tongwen")]),
    ],
    swiftLanguageModes: [.v6]
)
