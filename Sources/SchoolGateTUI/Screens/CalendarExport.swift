import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateInterop

/// `x` on an event calendar: a small form asks where to write and for which audience,
/// then the calendar is written as an iCalendar file (RFC 5545, by SchoolGateInterop's
/// `ICalendarWriter`, the same as `schoolgate export ics`). The status line says where
/// it went, or the form says why it could not be written.
enum CalendarExport {
    /// Why the file could not be written, in words for the school office.
    struct Problem: Error, Equatable {
        var message: String
    }

    /// `whole-school-events.ics`: the site's id, in the current folder.
    static func defaultFileName(_ site: SiteID) -> String { "\(site.collection)-\(site.slug).ics" }

    /// Where a typed path points: `~` is the home folder, a relative path is in `folder`,
    /// and `.ics` is added when the name has no extension.
    static func resolve(_ typed: String, in folder: URL, home: String?) -> URL {
        var path = typed.trimmingCharacters(in: .whitespaces)
        if path == "~" || path.hasPrefix("~/"), let home, !home.isEmpty { path = home + path.dropFirst() }
        var url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        if url.pathExtension.isEmpty { url.appendPathExtension("ics") }
        return url.standardizedFileURL
    }

    /// The events of `site` that `audience` may see, as an iCalendar file.
    static func document(_ site: Site, audience: Audience, zone: TimeZone, stamp: Date) -> Data {
        ICalendarWriter(calendarName: site.title, timeZone: zone).document(events: site.events, for: audience, stamp: stamp)
    }

    /// Writes `data` to `url` through a temporary file beside it, so a failure leaves
    /// any earlier file as it was.
    static func write(_ data: Data, to url: URL) -> Result<Void, Problem> {
        let fm = FileManager.default
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(Problem(message: "That folder does not exist; create it first or choose another: \(folder.path)"))
        }
        if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            return .failure(Problem(message: "That is a folder; give a file name, for example events.ics: \(url.path)"))
        }
        guard fm.isWritableFile(atPath: folder.path) else {
            return .failure(Problem(message: "You may not write in that folder; choose one of your own: \(folder.path)"))
        }
        do {
            try data.write(to: url, options: .atomic)
            return .success(())
        } catch {
            return .failure(Problem(message: "Could not write the file (\((error as NSError).localizedDescription)): \(url.path)"))
        }
    }

    /// Remembers a path the user was warned about, so typing it again replaces the file.
    private final class Warned { var path: String? }

    /// Shows the form for `site` and writes the file when it is submitted.
    static func present(site id: SiteID, session: SchoolSession, zone: TimeZone, shell: AppShell,
                        folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                        home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        guard let site = session.state.sites[id], site.kind == .calendar else {
            shell.status = .info("Only event calendars can be exported as iCalendar files.")
            return
        }
        let form = Form(title: "Export \(Show.text(site.title)) to a calendar file", intro: [
            "The file is an iCalendar (.ics) file that calendar programs import or subscribe to.",
            "public: public events only; parents: also parents' events; staff: every event.",
        ], fields: [
            FormField("path", label: "File", value: defaultFileName(id), help: "in the current folder unless a full path",
                      validate: FormField.required("Give a file name, for example events.ics.")),
            FormField("audience", label: "Audience", value: Audience.public.rawValue,
                      kind: .choice(Audience.allCases.map(\.rawValue))),
        ], submit: "Export")
        let warned = Warned()
        shell.present(form) { outcome, form, shell in
            guard case .submitted(let values) = outcome else {
                shell.status = .info("Nothing was exported.")
                return .close
            }
            guard let current = session.state.sites[id] else {
                form.showError("This calendar no longer exists.")
                return .keepOpen
            }
            let audience = Audience(rawValue: values["audience"] ?? "") ?? .public
            let url = resolve(values["path"] ?? "", in: folder, home: home)
            if FileManager.default.fileExists(atPath: url.path) && warned.path != url.path {
                warned.path = url.path
                form.showError("That file already exists: press Export again to replace it, or change the name.")
                return .keepOpen
            }
            let data = document(current, audience: audience, zone: zone, stamp: session.now)
            switch write(data, to: url) {
            case .failure(let problem):
                form.showError(problem.message, field: "path")
                return .keepOpen
            case .success:
                let count = current.events.filter { audience.includes($0.audience) }.count
                shell.status = .success("Wrote \(Show.count(count, "event")) (\(audience.rawValue)) to \(url.path)")
                return .close
            }
        }
    }
}
