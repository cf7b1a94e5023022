// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "schoolgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "schoolgate", targets: ["SchoolGateCLI"]),
        .library(name: "SchoolGate", targets: ["SchoolGate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The domain: every rule of docs/rules.md. No I/O, no curses.
        .target(
            name: "SchoolGate",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The plain-file store: journal, snapshots, locking, recovery.
        .target(
            name: "SchoolGateStore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // How the school is saved: explicit, versioned journal records (every format ever
        // written stays readable) and the binary snapshot. The domain knows nothing of it.
        .target(
            name: "SchoolGateRecords",
            dependencies: ["SchoolGate", "SchoolGateStore"]
        ),
        // A tiny journaled state (tokens, seats, notes) for the store's tests and store-stress.
        .target(name: "StoreLedger", dependencies: ["SchoolGateStore"]),
        // Drives a store from real processes, for the store's crash and concurrency tests.
        .executableTarget(name: "store-stress", dependencies: ["SchoolGateStore", "StoreLedger"], path: "Sources/StoreStress"),
        // Drives schoolgate's own state through SchoolStore from real processes, for the
        // reliability suite's crash loop and races (docs/reliability.md).
        .executableTarget(
            name: "schoolgate-reliability-driver",
            dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateSession"],
            path: "Sources/ReliabilityDriver"
        ),
        // Formats shared with the school's other tools: iCalendar, vCard, MIS parent
        // lists (CSV), invitation e-mails, and delivering the outbox through sendmail.
        .target(
            name: "SchoolGateInterop",
            dependencies: [
                "SchoolGate",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The system's ncursesw, through a small static-inline C shim.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Demo schools (small, large, max) built through the domain's own rules.
        .target(
            name: "SchoolGateDemo",
            dependencies: ["SchoolGate", "SchoolGateStore"]
        ),
        // One program's use of the store, shared by the CLI and the terminal UI: commands
        // decided inside the store's commit, approval e-mails written to the outbox, and the
        // live view of the store a front end works on (SchoolSession, StoreBackedSession).
        .target(
            name: "SchoolGateSession",
            dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateRecords", "SchoolGateInterop"]
        ),
        // The parents' portal's logic without HTTP: sign-in codes and their limits, session,
        // feed and CSRF secrets (docs/portal.md). The web server comes on top (issue 15).
        .target(
            name: "SchoolGatePortal",
            dependencies: ["SchoolGate", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "SchoolGatePortalTests", dependencies: ["SchoolGatePortal", "SchoolGate", "SchoolGateDemo"]),
        .testTarget(name: "SchoolGateWebTests",
                    dependencies: ["SchoolGateWeb", "SchoolGatePortal", "SchoolGate", "SchoolGateSession", "SchoolGateStore",
                                   "SchoolGateRecords", "SchoolGateCLI", "SchoolGateDemo", "SchoolGateInterop"],
                    exclude: ["Python"]),
        // The parents' portal on the web (`schoolgate serve`): Hummingbird over the session
        // layer, pages from the Mustache templates in Templates/.
        .target(
            name: "SchoolGateWeb",
            dependencies: [
                "SchoolGate", "SchoolGatePortal", "SchoolGateSession", "SchoolGateStore", "SchoolGateRecords",
                "SchoolGateInterop",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        // The interactive terminal UI.
        .target(
            name: "SchoolGateTUI",
            dependencies: ["SchoolGate", "SchoolGateSession", "SchoolGateInterop", "CNcursesw"]
        ),
        // The `schoolgate` executable: subcommands and wiring.
        .executableTarget(
            name: "SchoolGateCLI",
            dependencies: [
                "SchoolGate", "SchoolGateStore", "SchoolGateSession", "SchoolGateTUI", "SchoolGateDemo",
                "SchoolGateInterop", "SchoolGateWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test doubles and harnesses (docs/architecture.md): only test targets, the fuzz targets
        // and the bench may depend on this; no target of the `schoolgate` executable does.
        .target(name: "SchoolGateTesting",
                dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateRecords", "SchoolGateSession", "SchoolGateTUI",
                               "CNcursesw"]),
        // The fuzz entries (journal, theme, keys, parent-list CSV, iCalendar, snapshot, portal requests); run over
        // the seed corpus by `swift test` and under libFuzzer by scripts/fuzz.sh.
        .target(
            name: "SchoolGateFuzzing",
            dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateRecords", "SchoolGateSession", "SchoolGateTUI", "SchoolGateInterop",
                           "SchoolGateWeb", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "SchoolGateFuzzingTests",
                    dependencies: ["SchoolGateFuzzing", "SchoolGateStore", "SchoolGate", "SchoolGateRecords", "SchoolGateSession",
                                   "SchoolGateDemo"]),
        // The benchmark suite of issue 7 (bench/run.sh; docs/performance.md).
        .target(name: "SchoolGateBench",
                dependencies: ["SchoolGate", "SchoolGateDemo", "SchoolGateSession", "SchoolGateStore", "SchoolGateTUI",
                               "SchoolGateTesting"],
                path: "Sources/Bench/Suite"),
        .executableTarget(name: "schoolgate-bench", dependencies: ["SchoolGateBench", "SchoolGateTUI"], path: "Sources/Bench/Main"),
        .testTarget(name: "SchoolGateBenchTests", dependencies: ["SchoolGateBench", "SchoolGateCLI"]),
        .testTarget(name: "SchoolGateTests", dependencies: ["SchoolGate", "SchoolGateRecords"]),
        .testTarget(name: "SchoolGateStoreTests", dependencies: ["SchoolGateStore", "StoreLedger", "SchoolGateTesting"]),
        .testTarget(name: "SchoolGateTUITests",
                    dependencies: ["SchoolGateTUI", "SchoolGate", "SchoolGateSession", "SchoolGateStore", "SchoolGateTesting"],
                    exclude: ["Golden"]),
        // The fixture stores of every format version (Fixtures/stores): they keep opening.
        .testTarget(name: "SchoolGateFormatTests",
                    dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateRecords", "SchoolGateSession", "SchoolGateDemo",
                                   "SchoolGateCLI"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "SchoolGateDemoTests", dependencies: ["SchoolGateDemo", "SchoolGate", "SchoolGateRecords"]),
        .testTarget(name: "SchoolGateCLITests", dependencies: ["SchoolGate", "SchoolGateCLI", "SchoolGateStore", "SchoolGateSession"]),
        // Crash loop, fault sweep, races, corruption and model-based runs over the real
        // program (docs/reliability.md); SCHOOLGATE_LONG=1 scales it to the long run.
        .testTarget(
            name: "SchoolGateReliabilityTests",
            dependencies: ["SchoolGate", "SchoolGateStore", "SchoolGateSession", "SchoolGateDemo", "SchoolGateTesting"]
        ),
        .testTarget(
            name: "SchoolGateInteropTests",
            dependencies: ["SchoolGateInterop", "SchoolGate"],
            exclude: ["Python"]
        ),
    ]
)

// The libFuzzer executable exists only for scripts/fuzz.sh (SCHOOLGATE_FUZZ=1, built with
// --sanitize fuzzer): libFuzzer supplies `main`, so without the sanitizer it cannot link.
if ProcessInfo.processInfo.environment["SCHOOLGATE_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "schoolgate-fuzz", dependencies: ["SchoolGateFuzzing"], path: "Fuzz/Entry",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
