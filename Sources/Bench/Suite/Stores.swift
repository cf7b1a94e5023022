import Foundation
import SchoolGate
import SchoolGateDemo
import SchoolGateSession

/// Builds the stores the benchmarks measure as `schoolgate demo` does: every record in one
/// commit, after which the store writes its automatic snapshot, so that they open like the
/// demo school does.
public enum BenchStores {
    /// A demo school of `size`, its counts multiplied by `scale`, in a new store at `folder`.
    public static func demo(_ size: DemoSize, scale: Double, at folder: URL, end: Date) throws {
        try write(DemoSchool.build(DemoOptions(size: size, end: end, osUser: "bench", scale: scale)), to: folder)
    }

    /// A school whose one calendar (`DemoSchool.calendarSite`) holds `events` events.
    public static func calendar(events: Int, at folder: URL, end: Date) throws {
        try write(DemoSchool.buildCalendar(events: events, options: DemoOptions(end: end, osUser: "bench")), to: folder)
    }

    static func write(_ demo: DemoSchool, to folder: URL) throws {
        guard demo.unexpectedRefusals.isEmpty else {
            throw BenchError("the demo was refused: \(demo.unexpectedRefusals.prefix(3))")
        }
        try? FileManager.default.removeItem(at: folder)
        let session = try SchoolStore.open(folder, login: "admin", osUser: "bench", create: true)
        for m in demo.media { _ = try session.storeMedia(m.data, fileExtension: "gif") }
        try session.append(demo.records, onlyIfEmpty: true)
    }
}
