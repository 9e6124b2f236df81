// swift-tools-version:6.0
import PackageDescription

#if canImport(Glibc)
  import Glibc
#endif

let package = Package(
  name: "talint",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "talint", targets: ["talint"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "TalintYAML", dependencies: ["CYAML"]),
    .target(name: "TalintCore", dependencies: ["TalintYAML"]),
    .target(name: "TalintRules", dependencies: ["TalintCore"]),
    .target(name: "TalintServer", dependencies: ["TalintRules"]),
    .executableTarget(
      name: "talint",
      dependencies: [
        "TalintRules",
        "TalintServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "TalintTestSupport", dependencies: ["TalintRules"]),
    .testTarget(name: "TalintYAMLTests", dependencies: ["TalintYAML"]),
    .testTarget(name: "TalintCoreTests", dependencies: ["TalintCore", "TalintTestSupport"]),
    .testTarget(name: "TalintRulesTests", dependencies: ["TalintRules", "TalintTestSupport"]),
    .testTarget(name: "TalintCLITests", dependencies: ["TalintTestSupport"]),
    .testTarget(name: "TalintCommandTests", dependencies: ["talint"]),
  ]
)

// The libFuzzer target builds only when asked (TALINT_FUZZ=1): it has no `main` of its own,
// libFuzzer provides it. See README: fuzzing.
if getenv("TALINT_FUZZ") != nil {
  package.targets.append(.executableTarget(name: "TalintFuzz", dependencies: ["TalintRules"]))
}
