import Foundation
import Testing
@testable import SchoolGateTUI

/// docs/user-guide.md stays true: its screen captures are the golden screens, its
/// element table lists every theme element, and it names every action. Run with
/// SCHOOLGATE_UPDATE_GOLDEN=1 (after the golden tests) to refresh the generated parts.
@Suite struct UserGuideTests {
    static let guide = TestSupport.repositoryRoot.appendingPathComponent("docs/user-guide.md")

    /// The screen part of a golden file (without the cursor and attribute layers).
    static func screen(_ name: String) throws -> String {
        let text = try String(contentsOf: Golden.directory.appendingPathComponent(name + ".txt"), encoding: .utf8)
        return text.components(separatedBy: "\n-- cursor:").first ?? text
    }

    static var elementRows: String {
        ThemeElement.known.map { "| `\($0.element.rawValue)` | \($0.purpose) |" }.joined(separator: "\n")
    }

    /// The guide with every generated part rebuilt.
    static func regenerated(_ text: String) throws -> String {
        var out: [String] = []
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            out.append(line)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- screen: "), trimmed.hasSuffix(" -->") {
                let name = String(trimmed.dropFirst(13).dropLast(4))
                if lines.first == "```text" { // drop the old capture
                    lines = lines.drop { $0 != "```" }.dropFirst()
                }
                out.append("```text")
                out.append(try screen(name))
                out.append("```")
            } else if trimmed == "<!-- theme-elements -->" {
                while let next = lines.first, next.hasPrefix("| `") { lines = lines.dropFirst() }
                out.append(elementRows)
            }
        }
        return out.joined(separator: "\n")
    }

    @Test func capturesAndTablesMatchTheCode() throws {
        let text = try String(contentsOf: UserGuideTests.guide, encoding: .utf8)
        let fresh = try UserGuideTests.regenerated(text)
        if Golden.updating {
            try fresh.write(to: UserGuideTests.guide, atomically: true, encoding: .utf8)
            return
        }
        #expect(fresh == text, "docs/user-guide.md is out of date: rerun the tests with SCHOOLGATE_UPDATE_GOLDEN=1")
        #expect(text.components(separatedBy: "<!-- screen: ").count - 1 >= 10)
    }

    @Test func namesEveryActionAndElement() throws {
        let text = try String(contentsOf: UserGuideTests.guide, encoding: .utf8)
        for spec in ActionTable.standard.specs {
            #expect(text.contains("`\(spec.id.rawValue)`"), "the guide does not name the action \(spec.id)")
        }
        for (element, _) in ThemeElement.known {
            #expect(text.contains("`\(element.rawValue)`"), "the guide does not list \(element)")
        }
    }
}
