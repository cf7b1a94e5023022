import Foundation

/// A one-line progress bar on stderr for long work (importing thousands of parents),
/// drawn only when stderr is a terminal, so that logs and pipes stay clean.
struct ProgressBar {
    /// What is being done, e.g. "Checking rows".
    let label: String
    let total: Int
    /// False when stderr is not a terminal: then nothing is ever written.
    let enabled: Bool
    private var drawnPercent = -1

    init(label: String, total: Int, enabled: Bool = Console.stderrIsTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled && total > 0
    }

    /// `Checking rows [##########----------]  50%  5000/10000`: ASCII, so it works on
    /// any terminal.
    static func line(label: String, done: Int, total: Int, width: Int = 30) -> String {
        let clamped = min(max(done, 0), total)
        let filled = total == 0 ? width : clamped * width / total
        let percent = total == 0 ? 100 : clamped * 100 / total
        let percentText = String(repeating: " ", count: 3 - String(percent).count) + "\(percent)%"
        return "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
            + "\(percentText)  \(clamped)/\(total)"
    }

    /// Shows `done` of `total`; redraws only when the whole percentage changes.
    mutating func update(_ done: Int) {
        guard enabled else { return }
        let percent = min(max(done, 0), total) * 100 / total
        guard percent != drawnPercent else { return }
        drawnPercent = percent
        write("\r" + Self.line(label: label, done: done, total: total))
    }

    /// Clears the bar, leaving the line empty for what is printed next.
    func finish() {
        guard enabled, drawnPercent >= 0 else { return }
        let width = Self.line(label: label, done: total, total: total).count
        write("\r" + String(repeating: " ", count: width) + "\r")
    }

    private func write(_ text: String) {
        Console.err(Data(text.utf8))
    }
}
