import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore

/// Why the program stops early, with the exit code of the command-line contract.
struct Failure: Error {
    /// 1 refused by a rule, 2 usage, 3 store problem.
    var code: Int32
    /// One line for stderr.
    var message: String

    static func refused(_ r: Refusal) -> Failure { Failure(code: 1, message: SafeText.neutralised(r.message)) }
    static func usage(_ text: String) -> Failure { Failure(code: 2, message: text) }
    static func store(_ e: StoreError) -> Failure { Failure(code: 3, message: SafeText.neutralised(e.message)) }

    /// A session's failure: 1 for a refusal (the domain's reason), 3 for the store.
    init(_ failure: SessionFailure) {
        switch failure {
        case .refused(let r): self = .refused(r)
        case .store(let text): self.init(code: 3, message: text)
        }
    }

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }
}

/// The command line's session: the shared ``SchoolStore``.
typealias Session = SchoolStore

extension SchoolStore {
    /// Opens the store named by the global options (creating it when `create` is set), for
    /// the operating-system caller and `--as` (default: `defaultLogin`), as the domain
    /// allows (``SchoolState/acting(for:)``: a login not on the staff list, or `--as`
    /// someone else outside demo schools and root, is refused — exit 1). `use` decides when
    /// the journal's history is checked (see ``StoreUse``).
    ///
    /// What the store has to tell (a torn last record set aside, a snapshot skipped, damage)
    /// goes to stderr as a note. A store found damaged is read-only: a change is refused
    /// with the damage (exit 3), and a reading command prints what could be read and then
    /// exits 3 too (``RunHealth``), so that a script notices.
    static func open(_ options: GlobalOptions, create: Bool = false, defaultLogin: String? = nil,
                     use: StoreUse = .changing) throws(Failure) -> SchoolStore {
        try refuseFileAsStore(options.storeFolder)
        do throws(SessionFailure) {
            let folder = options.storeFolder
            let caller = Identity.caller(storeFolder: folder, asLogin: options.asLogin ?? defaultLogin)
            let opened = try SchoolStore.open(folder, login: caller.osLogin, osUser: caller.osLogin,
                                              create: create, journalCheck: use.journalCheck)
            OpenUntilExit.keep(opened)
            let acting: Acting
            do throws(Refusal) {
                acting = try opened.state.acting(for: caller)
            } catch {
                // A damaged store may have lost the very staff record: say so, not "not on staff".
                if let damage = opened.store.damage {
                    throw SessionFailure.store("The store is damaged and read-only, so who you are cannot be checked: \(damage)")
                }
                throw SessionFailure.refused(error)
            }
            let session = opened.acting(acting)
            for notice in session.store.notices { warn(MessageText.forTerminal("note: " + notice)) }
            session.store.clearNotices()
            if session.store.damage != nil { RunHealth.current?.storeDamaged() }
            return session
        } catch {
            throw Failure(error)
        }
    }
}

/// Refuses (exit 3) a store path that is, or lies inside, a file: the system's answer
/// ("Not a directory") would read like a failing disk.
func refuseFileAsStore(_ folder: URL) throws(Failure) {
    var path = folder
    while true {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { return }
            let inside = path == folder ? "" : " (the store path \(safe(folder.path)) lies inside it)"
            throw Failure(code: 3, message: "\(safe(path.path)) is a file, not a store folder\(inside). "
                + "Give --store the folder that holds the school's data, or for a new school a folder that does not exist yet.")
        }
        let parent = path.deletingLastPathComponent()
        if parent.path == path.path { return }
        path = parent
    }
}

/// What a command does with the store, which decides when the journal's history (the
/// audit log before the newest snapshot) is checked.
enum StoreUse {
    /// It may change the school: the history is checked in the background, and every
    /// change waits for that check.
    case changing
    /// It only reads the current school, whose state comes from the checked snapshot and
    /// the checked journal after it: the history is not checked (`schoolgate check` does).
    case reading
    /// It shows the history itself (`audit`): checked before anything is shown.
    case readingHistory

    var journalCheck: JournalCheck {
        switch self {
        case .changing: .inBackground
        case .reading: .beforeWriting
        case .readingHistory: .whileOpening
        }
    }
}

/// What one run of the program learned about its store: a command that printed what it
/// could from a damaged store still ends with exit code 3.
final class RunHealth: @unchecked Sendable {
    private let lock = NSLock()
    private var damaged = false

    /// The current run's (set by ``Main/run(_:)``).
    @TaskLocal static var current: RunHealth?

    func storeDamaged() { lock.withLock { damaged = true } }
    var storeWasDamaged: Bool { lock.withLock { damaged } }
}

/// Sessions this process opened, kept until it exits.
///
/// A command ends by ending the process: freeing the state of the largest school (some
/// hundred thousand values) one by one would take longer than the command's own work
/// (about 20 ms of `schoolgate pal` on the `max` demo), while the kernel drops the whole
/// heap at exit at once. Nothing is lost: a store needs no closing (every change is
/// durable when its commit returns; descriptors and the lock go with the process).
enum OpenUntilExit {
    private static let lock = NSLock()
    /// Guarded by `lock`: in-process runs (tests) may open sessions on several threads.
    nonisolated(unsafe) private static var sessions: [SchoolStore] = []

    /// Keeps `session` until the process exits — unless this run's output is captured
    /// (``Main/run(_:)`` inside another program, such as the tests), where the process
    /// outlives the command and the session is freed as usual.
    static func keep(_ session: SchoolStore) {
        guard Console.capture == nil else { return }
        lock.withLock { sessions.append(session) }
    }
}
