// store-stress: drives a store of the test `Ledger` from a real process, for the store's
// crash and concurrency tests (and for trying the store by hand).
//
//   store-stress notes  DIR --writer W --count N [--first I] [--files] [--padding BYTES] [--snapshot-threshold BYTES]
//       N commits of note (W, I...), each optionally with an outbox file; prints "ack W I" after each.
//   store-stress rounds DIR --as W --rounds R --start-at UNIX_MS --interval MS
//       at each round r, tries to redeem token "token-r"; prints "won r" or "lost r".
//   store-stress seat   DIR --as W --start-at UNIX_MS
//       tries to take a seat; prints "seated" or "refused".
//   store-stress check  DIR
//       prints the check report; exit 0 when it is ok.
//
// Every line is flushed at once, so a parent that kills this process knows exactly which
// commits were acknowledged. Store errors exit with 3.
import Foundation
import SchoolGateStore
import StoreLedger

#if canImport(Glibc)
import Glibc
#endif

/// Writes a line straight to the standard output (one write(2), no buffering).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    fail("usage: store-stress notes|rounds|seat|check DIR [options]", code: 2)
}
let command = arguments[0]
let folder = URL(fileURLWithPath: arguments[1])

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func number(_ name: String, default value: Int? = nil) -> Int {
    if let text = option(name) {
        guard let number = Int(text) else { fail("\(name) needs a number", code: 2) }
        return number
    }
    guard let value else { fail("\(name) is required", code: 2) }
    return value
}

func nowMilliseconds() -> Int { Int(Date().timeIntervalSince1970 * 1000) }

func waitUntil(_ milliseconds: Int) {
    let delay = milliseconds - nowMilliseconds()
    if delay > 0 { usleep(UInt32(delay) * 1000) }
}

var options = StoreOptions(create: true)
if let threshold = option("--snapshot-threshold") { options.snapshotThreshold = Int(threshold) }

do {
    let store = try Store<Ledger>.open(at: folder, options: options)
    switch command {
    case "notes":
        let writer = option("--writer") ?? "w"
        let first = number("--first", default: 0)
        let count = number("--count")
        let withFiles = arguments.contains("--files")
        let padding = String(repeating: "x", count: number("--padding", default: 0))
        for index in first..<(first + count) {
            try store.commit { _ in
                let record = LedgerRecord(.note, key: writer, number: index, padding: padding.isEmpty ? nil : padding)
                let files =
                    withFiles
                    ? [StagedFile(relativePath: "outbox/new/\(writer)-\(index).eml", data: Data("note \(writer) \(index)\n\(padding)".utf8))]
                    : []
                return Commit(records: [record], files: files)
            }
            say("ack \(writer) \(index)")
        }
    case "rounds":
        let person = option("--as") ?? "w"
        let start = number("--start-at")
        let interval = number("--interval", default: 30)
        for round in 0..<number("--rounds") {
            waitUntil(start + round * interval)
            do {
                try store.commit { state in Commit(records: [try state.redeem("token-\(round)", by: person)]) }
                say("won \(round)")
            } catch is LedgerRefusal {
                say("lost \(round)")
            }
        }
    case "seat":
        waitUntil(number("--start-at", default: 0))
        do {
            try store.commit { state in Commit(records: [try state.takeSeat(option("--as") ?? "w")]) }
            say("seated")
        } catch is LedgerRefusal {
            say("refused")
        }
    case "check":
        let report = store.check()
        say(report.text)
        exit(report.isOK ? 0 : 1)
    default:
        fail("unknown command \(command)", code: 2)
    }
} catch let error as StoreError {
    fail("store-error: \(error.kind.rawValue): \(error.message)", code: 3)
} catch {
    fail("error: \(error)", code: 1)
}
