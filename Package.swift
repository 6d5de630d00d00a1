// swift-tools-version: 6.2
import PackageDescription

/// Settings every target of ours shares: Swift 6 mode with strict concurrency
/// (the default in Swift 6), and every warning treated as an error.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Prism",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "prism", targets: ["prism"]),
        .executable(name: "prism-stub", targets: ["prism-stub"]),
        .library(name: "PrismCore", targets: ["PrismCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // The official MCP SDK, used only by PrismTools (see ARCHITECTURE.md, "Dependencies").
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // Already the SDK's own dependency; named for `FileDescriptor`, which its stdio transport takes.
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    ],
    targets: [
        // Conversations, the OpenRouter wire format, streaming, sessions, config. No terminal code.
        .target(
            name: "PrismCore",
            dependencies: ["CCurl", "CSQLite", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The live HTTP transport's C side: a non-variadic API over libcurl's easy interface.
        .target(
            name: "CCurl",
            path: "Sources/CCurl",
            cSettings: [.treatAllWarnings(as: .error)],
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // SQLite's C API from the system library (the spend ledger's database, PrismCore/Database).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // Cells, styles, frames, display width, wrapping, frame diff, input events and the
        // backend protocol, with a headless backend for tests. No curses, no HTTP.
        .target(name: "PrismTerminal", swiftSettings: strict),
        // The app: state, actions, reducer, effects, layout, panes, themes, markdown → styled lines.
        // The shipped themes are compiled in: `Theme/themes` is a symlink to the top-level
        // `themes/` folder (SwiftPM wants resources inside the target), and `.embedInCode`
        // turns each file into a `PackageResources.<file>_toml` byte array (see ShippedThemes).
        .target(
            name: "PrismUI",
            dependencies: ["PrismCore", "PrismTerminal"],
            resources: [.embedInCode("Theme/themes")],
            swiftSettings: strict
        ),
        // The only code that includes curses.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Signal handlers and the async-signal-safe terminal restore, in C.
        .target(name: "CTermSupport", path: "Sources/CTermSupport", cSettings: [.treatAllWarnings(as: .error)]),
        .target(name: "PrismCurses", dependencies: ["CNcursesw", "CTermSupport", "PrismTerminal"], swiftSettings: strict),
        // A manual test of the curses backend: run it in tmux and press keys.
        .executableTarget(name: "prism-term-demo", dependencies: ["PrismCurses", "PrismTerminal"], swiftSettings: strict),
        // MCP tool servers: the real `ToolHost` (stdio children and HTTP endpoints) on the official SDK.
        .target(
            name: "PrismTools",
            dependencies: [
                "PrismCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The `prism` command line: argument parsing and wiring of live dependencies.
        .target(
            name: "PrismCLI",
            dependencies: [
                "PrismCore",
                "PrismUI",
                "PrismCurses",
                "PrismTerminal",
                "PrismTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "prism", dependencies: ["PrismCLI"], swiftSettings: strict),
        // An OpenAI-compatible server on 127.0.0.1 that streams like OpenRouter and misbehaves on demand.
        .target(name: "PrismStub", swiftSettings: strict),
        .executableTarget(name: "prism-stub", dependencies: ["PrismStub"], swiftSettings: strict),
        // `swift run -c release PrismBench`: prints figures; never part of the tests.
        .executableTarget(name: "PrismBench", dependencies: ["PrismCore", "PrismStub", "PrismUI", "PrismTerminal"], swiftSettings: strict),
        .testTarget(name: "PrismCoreTests", dependencies: ["PrismCore", "PrismStub"], swiftSettings: strict),
        .testTarget(name: "PrismTerminalTests", dependencies: ["PrismTerminal"], swiftSettings: strict),
        .testTarget(name: "PrismUITests", dependencies: ["PrismUI", "PrismTerminal", "PrismCore", "PrismStub"], exclude: ["Goldens", "SessionFiles"], swiftSettings: strict),
        .testTarget(name: "PrismCursesTests", dependencies: ["PrismCurses", "PrismTerminal"], swiftSettings: strict),
        .testTarget(name: "PrismToolsTests", dependencies: ["PrismTools", "PrismCore"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "PrismCLITests", dependencies: ["PrismCLI", "PrismCore", "PrismStub"], swiftSettings: strict),
    ]
)
