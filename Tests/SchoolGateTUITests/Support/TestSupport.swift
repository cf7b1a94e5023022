import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateTesting
@testable import SchoolGateTUI

/// Shared set-up for every test: the locale pinned to C.UTF-8 once, before any text is
/// measured (setlocale is process-wide), and the repository's folders.
///
/// The time zone is not pinned through the environment (`setenv("TZ")` while other
/// tests of the process run would race with their reads of it, and `TimeZone.current`
/// may have been read already): every test passes ``utc`` or the school's zone.
enum TestSupport {
    static let pinned: Bool = TerminalLocale.pinForTests()

    /// The repository root (this file is Tests/SchoolGateTUITests/Support/TestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var themesDirectory: String { repositoryRoot.appendingPathComponent("Themes").path }

    /// The shipped themes only.
    static var catalog: ThemeCatalog { ThemeCatalog(directories: [themesDirectory]) }

    static func theme(_ name: String) throws -> Theme { try catalog.load(name) }

    /// A pinned moment: Monday 9 March 2026, 09:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_773_048_600)

    static let utc = TimeZone(identifier: "UTC")!

    static func context(theme: Theme = .fallback, glyphs: Glyphs = .unicode) -> RenderContext {
        RenderContext(theme: theme, glyphs: glyphs, now: now, timeZone: utc)
    }

    /// A fresh empty folder.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("schoolgate-tui-tests-" + UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The whole UI over `session` on a headless terminal, with the default theme, the
    /// pinned clock and no user files.
    static func openUI(_ session: SchoolSession, rows: Int = 24, cols: Int = 80) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { now }, timeZone: utc)
        let settings = try TUISettings.load(options, catalog: catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                  rows: rows, cols: cols)
    }
}
