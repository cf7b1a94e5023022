import Foundation
import SchoolGate
import SchoolGateSession
import Testing

/// Writes the fixture stores of the current format into `$SCHOOLGATE_WRITE_FIXTURES`
/// (run only when that is set: `SCHOOLGATE_WRITE_FIXTURES=DIR swift test --filter WriteFixtures`).
/// A new format version commits its fixtures beside the older ones; old ones are never rewritten.
@Suite struct WriteFixtures {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SCHOOLGATE_WRITE_FIXTURES"] != nil))
    func write() throws {
        let base = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SCHOOLGATE_WRITE_FIXTURES"]!)
        let everyKind = base.appendingPathComponent("every-kind")
        let demo = base.appendingPathComponent("demo-small-plus")
        #expect(!FileManager.default.fileExists(atPath: everyKind.path), "fixtures are never rewritten")
        try FixtureSchool.writeEveryKind(to: everyKind.appendingPathComponent("store"))
        try FixtureSchool.writeDemoPlus(to: demo.appendingPathComponent("store"))
        for fixture in [everyKind, demo] {
            let state = try FixtureSchool.session(fixture.appendingPathComponent("store"), clock: .init(FixtureSchool.start),
                                                  create: false).state
            try state.snapshotBytes().write(to: fixture.appendingPathComponent("expected-state.sgsnap"))
        }
    }
}
