import Foundation
import SchoolGate
import SchoolGateStore

/// The store holds the school's records; its state is their fold.
extension SchoolState: JournaledState {
    public typealias Record = Recorded
}

/// Why the program stops early, with the exit code of the command-line contract.
struct Failure: Error {
    /// 1 refused by a rule, 2 usage, 3 store problem.
    var code: Int32
    /// One line for stderr.
    var message: String

    static func refused(_ r: Refusal) -> Failure { Failure(code: 1, message: SafeText.neutralised(r.message)) }
    static func usage(_ text: String) -> Failure { Failure(code: 2, message: text) }
    static func store(_ e: StoreError) -> Failure { Failure(code: 3, message: SafeText.neutralised(e.message)) }
}

/// One program run against one store: who acts, as which OS user, on which folder.
///
/// Every change goes through ``run(_:files:)``: the command is decided against the
/// freshest state inside the store's commit, so two programs never both win a race.
struct Session {
    let store: Store<SchoolState>
    let folder: URL
    let login: String
    let osUser: String

    /// Opens the store named by the global options (creating it when `create` is set).
    static func open(_ options: GlobalOptions, create: Bool = false) throws(Failure) -> Session {
        let folder = options.storeFolder
        if create {
            try? FileManager.default.createDirectory(at: folder.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
        }
        do {
            let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: create))
            return Session(store: store, folder: folder, login: options.login, osUser: Identity.osUser)
        } catch {
            throw Failure.store(error)
        }
    }

    /// The current state (after reading what others committed).
    var state: SchoolState {
        _ = try? store.refresh()
        return store.state
    }

    /// The school's time zone.
    var zone: TimeZone { store.state.tenant?.zone ?? .current }

    /// Decides `command` as `as` (default: the session's login) on the fresh state, commits
    /// its records (also a refused decision's, e.g. a recorded mismatch attempt) with the
    /// files `files` makes from a successful outcome, and returns the outcome.
    /// - Throws: `Failure` with code 1 for a refusal, 3 for a store problem.
    @discardableResult
    func run(_ command: Command, as actor: String? = nil,
             files: @escaping (Outcome, SchoolState) -> [StagedFile] = { _, _ in [] }) throws(Failure) -> Outcome {
        let ctx = CommandContext(login: actor ?? login, osUser: osUser, now: Date())
        let result: Result<Outcome, Refusal>
        do {
            result = try store.commit { state in
                var random = SystemRandomNumberGenerator()
                let decision = state.decide(command, context: ctx, random: &random)
                var staged: [StagedFile] = []
                if case .success(let outcome) = decision.result { staged = files(outcome, state) }
                return Commit(records: SchoolState.records(decision, context: ctx), files: staged,
                              result: decision.result)
            }
        } catch let e as StoreError {
            throw Failure.store(e)
        } catch {
            throw Failure(code: 3, message: "The store could not save the change: \(error)")
        }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let refusal): throw Failure.refused(refusal)
        }
    }

    /// Decides `commands` one after another on the fresh state, each seeing the ones before,
    /// and commits all their records at once (unless `dryRun`). A refused command is
    /// skipped; its refusal is in the result at its position.
    func runAll(_ commands: [Command], dryRun: Bool = false) throws(Failure) -> [Result<Outcome, Refusal>] {
        let ctx = CommandContext(login: login, osUser: osUser, now: Date())
        func decideAll(_ start: SchoolState) -> ([Recorded], [Result<Outcome, Refusal>]) {
            var state = start
            var random = SystemRandomNumberGenerator()
            var records: [Recorded] = [], results: [Result<Outcome, Refusal>] = []
            for command in commands {
                let decision = state.decide(command, context: ctx, random: &random)
                let recs = SchoolState.records(decision, context: ctx)
                for r in recs { state.apply(r) }
                records += recs
                results.append(decision.result)
            }
            return (records, results)
        }
        if dryRun { return decideAll(state).1 }
        do {
            return try store.commit { state in
                let (records, results) = decideAll(state)
                return Commit(records: records, result: results)
            }
        } catch let e as StoreError {
            throw Failure.store(e)
        } catch {
            throw Failure(code: 3, message: "The store could not save the change: \(error)")
        }
    }

    /// Appends ready-made records (the demo) as one commit. With `onlyIfEmpty`, nothing
    /// is written (and a refusal thrown) when another program created a school meanwhile.
    func append(_ records: [Recorded], files: [StagedFile] = [], onlyIfEmpty: Bool = false) throws(Failure) {
        do {
            try store.commit { state in
                if onlyIfEmpty && !state.isEmpty { throw Failure.refused(.schoolExists) }
                return Commit(records: records, files: files)
            }
        } catch let f as Failure {
            throw f
        } catch let e as StoreError {
            throw Failure.store(e)
        } catch {
            throw Failure(code: 3, message: "The store could not save the change: \(error)")
        }
    }
}

/// Who is running the program.
enum Identity {
    /// The operating-system login of the effective user.
    static var osUser: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}
