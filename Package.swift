// swift-tools-version:6.0
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
        // The interactive terminal UI.
        .target(
            name: "SchoolGateTUI",
            dependencies: ["SchoolGate", "SchoolGateStore", "CNcursesw"]
        ),
        // The `schoolgate` executable: subcommands and wiring.
        .executableTarget(
            name: "SchoolGateCLI",
            dependencies: [
                "SchoolGate", "SchoolGateStore", "SchoolGateTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SchoolGateTests", dependencies: ["SchoolGate"]),
        .testTarget(name: "SchoolGateStoreTests", dependencies: ["SchoolGateStore"]),
        .testTarget(name: "SchoolGateTUITests", dependencies: ["SchoolGateTUI", "SchoolGate"],
                    exclude: ["Golden"]),
        .testTarget(name: "SchoolGateCLITests", dependencies: ["SchoolGate"]),
        .testTarget(
            name: "SchoolGateInteropTests",
            dependencies: ["SchoolGateInterop", "SchoolGate"],
            exclude: ["Python"]
        ),
    ]
)
