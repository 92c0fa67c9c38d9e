// swift-tools-version: 6.1
// Benchmarks live in their own package so that users and CI never build their
// dependencies. Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "TongwenBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Tongwen", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Conversion",
            dependencies: [
                .product(name: "Tongwen", package: "Tongwen"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Conversion",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
