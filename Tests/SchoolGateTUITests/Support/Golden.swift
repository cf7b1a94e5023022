import Foundation
import Testing
import SchoolGateTesting
@testable import SchoolGateTUI

/// Golden screens, as tig keeps them: the screen read back from the headless terminal
/// is compared with a text file in Tests/SchoolGateTUITests/Golden/. Run the tests with
/// SCHOOLGATE_UPDATE_GOLDEN=1 to (re)write the files after an intended change, and
/// review the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["SCHOOLGATE_UPDATE_GOLDEN"] == "1" }

    /// The text kept for a screen: its rows, the cursor, and optionally the attributes.
    static func capture(_ driver: HeadlessDriver, attributes: Bool) -> String {
        var out = driver.screen.joined(separator: "\n") + "\n"
        let c = driver.cursor
        out += "-- cursor: row \(c.row), column \(c.col) --\n"
        if attributes {
            let layer = driver.attributes
            out += "-- attributes --\n" + layer.rows.joined(separator: "\n") + "\n"
            out += "-- legend --\n" + layer.legend.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// Compares the screen with `Golden/<name>.txt` (or writes it when updating).
    /// `masking` maps text that differs from run to run (a temporary folder's path) to
    /// what the golden file shows instead; each pair must have the same length, so the
    /// layout is the same.
    static func check(_ driver: HeadlessDriver, _ name: String, attributes: Bool = false,
                      masking: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) {
        var actual = capture(driver, attributes: attributes)
        for (real, shown) in masking {
            guard real.count == shown.count else {
                Issue.record("cannot mask \(real) as \(shown): not the same length", sourceLocation: sourceLocation)
                return
            }
            actual = actual.replacingOccurrences(of: real, with: shown)
        }
        let file = directory.appendingPathComponent(name + ".txt")
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("No golden screen \(file.path); run with SCHOOLGATE_UPDATE_GOLDEN=1 to create it.\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let saved = FileManager.default.temporaryDirectory
            .appendingPathComponent("schoolgate-golden-\(name)-\(UUID().uuidString.prefix(8)).txt")
        try? actual.write(to: saved, atomically: true, encoding: .utf8)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record("""
            Screen differs from Golden/\(name).txt at line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "(end)")
              actual:   \(line < a.count ? String(a[line]) : "(end)")
            Whole screen saved to \(saved.path); diff it, and if the change is intended rerun with
            SCHOOLGATE_UPDATE_GOLDEN=1.
            """, sourceLocation: sourceLocation)
    }
}
