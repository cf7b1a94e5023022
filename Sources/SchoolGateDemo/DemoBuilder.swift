import Foundation
import SchoolGate
import SchoolGateStore

/// Runs domain commands one after another, as if staff typed them, keeping every record.
///
/// Every record comes from `SchoolState.decide`, so the demo holds only what the rules allow.
struct DemoBuilder {
    var state = SchoolState()
    var records: [Recorded] = []
    var now: Date
    let end: Date
    let osUser: String
    /// Random choices (which site, which name).
    var pick: DemoRandom
    /// Invitation codes (kept apart so that choices do not depend on code generation).
    var codes: DemoRandom
    var media: [DemoMedia] = []
    var openCodes: [Int: String] = [:]
    var unexpected: [String] = []
    /// `DemoOptions.scale`.
    let scaleFactor: Double

    init(options: DemoOptions) {
        scaleFactor = options.scale
        end = options.end
        now = options.end
        osUser = options.osUser
        pick = DemoRandom(seed: options.seed)
        codes = DemoRandom(seed: options.seed ^ 0x5EED_C0DE)
    }

    /// The school's time zone (Europe/London for every demo).
    var zone: TimeZone { state.tenant?.zone ?? TimeZone(identifier: "Europe/London")! }

    /// The day the demo ends on.
    var today: LocalDate { LocalDate(end, in: TimeZone(identifier: "Europe/London")!) }

    /// Decides `command` as `login` at the current clock and keeps its records.
    /// Returns the outcome, or nil (noting the refusal) when the rules said no.
    @discardableResult
    mutating func run(_ login: String, _ command: Command) -> Outcome? {
        switch decide(login, command) {
        case .success(let outcome): return outcome
        case .failure(let refusal):
            unexpected.append("\(command.name) by \(login): \(refusal.message)")
            return nil
        }
    }

    /// Like `run`, for a command the demo expects to be refused (its records are kept
    /// all the same: a refused redemption by another account is recorded).
    @discardableResult
    mutating func attempt(_ login: String, _ command: Command) -> Refusal? {
        if case .failure(let r) = decide(login, command) { return r }
        unexpected.append("\(command.name) by \(login) was expected to be refused")
        return nil
    }

    private mutating func decide(_ login: String, _ command: Command) -> Result<Outcome, Refusal> {
        let context = CommandContext(login: login, osUser: osUser, now: now)
        let (kept, result) = state.decideAndApply(command, context: context, random: &codes)
        records += kept
        return result
    }

    /// Moves the clock on.
    mutating func wait(minutes: Double) { now = now.addingTimeInterval(minutes * 60) }

    /// Sets the clock (never backwards).
    mutating func at(_ date: Date) { if date > now { now = date } }

    /// An instant on `day` at `hour:minute` school time.
    func instant(_ day: LocalDate, _ hour: Int, _ minute: Int = 0) -> Date {
        day.startInstant(in: zone).addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    // MARK: invitations

    /// Asks (as `teacher`) for an invitation; returns its id.
    mutating func request(_ teacher: String, _ site: SiteID, _ email: String, _ note: String) -> Int? {
        guard case .created(let id)? = run(teacher, .requestInvitation(site: site, email: email, note: note)) else { return nil }
        return id
    }

    /// Approves invitation `id` as `office`; returns the code.
    mutating func approve(_ office: String, _ id: Int, _ how: String) -> String? {
        guard case .approved(let notice)? = run(office, .approveInvitation(id: id, identityNote: how)) else { return nil }
        openCodes[id] = notice.code
        return notice.code
    }

    /// Redeems `code` as `account`.
    mutating func redeem(_ id: Int, _ code: String, as account: String) {
        if run(account, .redeem(code: code, account: account)) != nil { openCodes[id] = nil }
    }

    /// Request, approve and redeem: `email` becomes an external user who sees `site`.
    mutating func join(_ teacher: String, _ office: String, _ site: SiteID, _ email: String, _ note: String,
                       how: String = "phoned the number on the school's records") {
        guard let id = request(teacher, site, email, note) else { return }
        wait(minutes: 45)
        guard let code = approve(office, id, how) else { return }
        wait(minutes: 90)
        redeem(id, code, as: email)
        wait(minutes: 20)
    }

    // MARK: content

    @discardableResult
    mutating func save(_ login: String, _ site: SiteID, _ content: SiteContent) -> Int? {
        guard case .created(let id)? = run(login, .saveContent(site: site, content)) else { return nil }
        return id
    }

    @discardableResult
    mutating func event(_ login: String, _ site: SiteID, _ title: String, _ span: EventSpan,
                        place: String = "", details: String = "", audience: Audience, repeats: Recurrence? = nil) -> Int? {
        save(login, site, .event(CalendarEvent(id: 0, uid: "", title: title, span: span, place: place,
                                              details: details, audience: audience, repeats: repeats)))
    }

    /// Adds a small placeholder picture to the media list and a photo to `site`.
    /// Media files are named as the store keeps them (`MediaFile`).
    mutating func photo(_ login: String, _ site: SiteID, _ caption: String) {
        let data = DemoPicture.gif(shade: UInt8(truncatingIfNeeded: 40 + media.count * 37))
        let path = MediaFile.relativePath(for: data, fileExtension: "gif")
        media.append(DemoMedia(relativePath: path, data: data))
        save(login, site, .photo(Photo(id: 0, caption: caption, file: path)))
    }

    func finish() -> DemoSchool {
        DemoSchool(records: records, state: state, media: media, openCodes: openCodes,
                   unexpectedRefusals: unexpected, end: now)
    }
}

/// Tiny one-colour GIF pictures standing in for trip photos.
enum DemoPicture {
    /// A 1×1 GIF of a grey `shade`.
    static func gif(shade: UInt8) -> Data {
        var bytes: [UInt8] = Array("GIF89a".utf8)
        bytes += [1, 0, 1, 0, 0x80, 0, 0]            // 1×1, global colour table of 2
        bytes += [shade, shade, shade, 0, 0, 0]      // the two colours
        bytes += [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]   // image descriptor
        bytes += [2, 2, 0x44, 1, 0, 0x3B]            // image data, trailer
        return Data(bytes)
    }
}
