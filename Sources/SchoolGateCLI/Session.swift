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
    /// Opens the store named by the global options (creating it when `create` is set),
    /// acting as `--as` (default: `defaultLogin`, else the OS login). A command that only
    /// reads says so with `readsOnly`: it does not check the journal's history (the audit
    /// log), which its answer does not come from — `schoolgate check` and every change do.
    static func open(_ options: GlobalOptions, create: Bool = false, defaultLogin: String? = nil,
                     readsOnly: Bool = false) throws(Failure) -> SchoolStore {
        do {
            let session = try SchoolStore.open(options.storeFolder, login: options.asLogin ?? defaultLogin ?? options.login,
                                               create: create, journalCheck: readsOnly ? .beforeWriting : .inBackground)
            OpenUntilExit.keep(session)
            return session
        } catch {
            throw Failure(error)
        }
    }
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
