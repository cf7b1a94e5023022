import Foundation
import SchoolGateTUI

/// Fuzz entries for the terminal UI's configuration files.
enum ConfigFuzz {
    /// A theme file, decoded as the UI reads it (UTF-8; the UI refuses other bytes).
    static func theme(_ data: Data) -> Int {
        guard let text = String(data: data, encoding: .utf8) else { return 0 }
        do throws(ConfigError) {
            let theme = try Theme(parsing: text, name: "fuzz", file: "fuzz.theme")
            for name in ThemeElement.acceptedNames {
                _ = theme.style(ThemeElement(rawValue: name))
            }
            _ = theme.isColourless
            return theme.styles.count
        } catch {
            checkError(error.description, line: error.line, text: text)
            return 0
        }
    }

    /// A keys file, decoded as the UI reads it.
    static func keys(_ data: Data) -> Int {
        guard let text = String(data: data, encoding: .utf8) else { return 0 }
        do throws(ConfigError) {
            let bindings = try KeyBindings(keysFile: text, file: "fuzz.keys")
            // The help and the hint bar are built from the bindings: every key shown
            // must lead back to an action.
            for section in bindings.helpSections() {
                invariant(!section.title.isEmpty, "a help section without a title")
            }
            for spec in bindings.table.specs {
                for key in bindings.keys(for: spec.id) {
                    invariant(!key.name.isEmpty, "a bound key without a name")
                    let found = bindings.action(for: key, in: Array(spec.scopes))
                    invariant(found != nil, "key \(key.name) bound to \(spec.id.rawValue) finds no action")
                }
            }
            return (try? SettingsFile(parsing: text, file: "fuzz.keys"))?.entries.count ?? 0
        } catch {
            checkError(error.description, line: error.line, text: text)
            return 0
        }
    }

    /// A configuration error names a line of the file and says something.
    private static func checkError(_ description: String, line: Int, text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        invariant(line >= 0 && line <= max(lines, 1), "error on line \(line) of a \(lines)-line file")
        invariant(!description.isEmpty, "an empty error message")
    }
}
