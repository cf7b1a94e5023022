import Foundation
import SchoolGate
import SchoolGateRecords
import SchoolGateStore

/// One program's use of one store: who acts, as which OS user, on which folder. Both the
/// command line and the terminal UI change the school only through this.
///
/// Every command is decided against the freshest state *inside* the store's commit, so
/// two programs never both win a race (the same one-time code, the last licence). The
/// records of a refused decision are committed too (a recorded mismatch attempt), and an
/// approved invitation's e-mail is written to the outbox in the same commit.
public struct SchoolStore: Sendable {
    /// The store itself (for reading the journal, media and outbox folders, checks).
    public let store: Store<SchoolState>
    /// The store folder.
    public var folder: URL { store.folder }
    /// The staff login that acts by default.
    public let login: String
    /// The operating-system user, kept with every change.
    public let osUser: String
    /// True when `osUser` acts as `login` with `--as` (see ``SchoolState/acting(for:)``):
    /// every change this session makes as `login` records it.
    public let actingAs: Bool
    /// The clock.
    public let clock: @Sendable () -> Date

    /// What a committed command produced.
    public struct Submitted: Sendable {
        /// The domain's outcome.
        public var outcome: Outcome
        /// For an approval: the outbox file (relative to the store folder) holding its e-mail.
        public var outboxFile: String?
    }

    /// Wraps an open store.
    public init(store: Store<SchoolState>, login: String, osUser: String = Identity.osUser, actingAs: Bool = false,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.login = login
        self.osUser = osUser
        self.actingAs = actingAs
        self.clock = clock
    }

    /// The same store, acting as `acting` says (the domain's answer for the caller).
    public func acting(_ acting: Acting) -> SchoolStore {
        SchoolStore(store: store, login: acting.login, osUser: acting.osUser, actingAs: acting.actingAs, clock: clock)
    }

    /// Opens the store in `folder` (creating it, and its parent folders, when `create`).
    ///
    /// `journalCheck` says when the journal before the snapshot (the audit log) is checked:
    /// by default on another thread, without making the program wait for it; the first
    /// change waits for it, and damage it finds makes the store read-only (see
    /// ``JournalCheck``). A command that only reads passes `.beforeWriting`.
    public static func open(_ folder: URL, login: String, osUser: String = Identity.osUser,
                            create: Bool = false,
                            journalCheck: JournalCheck = .inBackground) throws(SessionFailure) -> SchoolStore {
        if create {
            try? FileManager.default.createDirectory(at: folder.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
        }
        do {
            let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: create, journalCheck: journalCheck))
            return SchoolStore(store: store, login: login, osUser: osUser)
        } catch {
            throw SessionFailure(error)
        }
    }

    /// Decides `command` as `login` against a school that does not exist yet, without
    /// touching any file: `init` asks this before it creates a store, so that a refused
    /// value (an empty school name, an unknown time zone) leaves nothing behind.
    /// - Throws: `.refused` with the domain's reason.
    public static func decideOnNewStore(_ command: Command, login: String, osUser: String = Identity.osUser,
                                        now: Date = Date()) throws(SessionFailure) {
        let context = CommandContext(login: login, osUser: osUser, now: now)
        if let refusal = SchoolState().refusal(of: command, context: context) { throw .refused(refusal) }
    }

    /// The current state, after reading what other programs committed.
    public var state: SchoolState {
        _ = try? store.refresh()
        return store.state
    }

    /// ``state`` with the number of commits it holds (see `Store.stateAndCommitCount`).
    public var stateAndCommitCount: (state: SchoolState, commits: UInt64) {
        _ = try? store.refresh()
        return store.stateAndCommitCount
    }

    /// The school's time zone (the machine's until a school exists).
    public var zone: TimeZone { store.state.tenant?.zone ?? .current }

    /// Decides `command` as `actor` (default: `login`) on the fresh state and commits its
    /// records; an approval's e-mail goes to the outbox in the same commit.
    /// - Throws: `.refused` with the domain's reason, `.store` when nothing could be saved.
    public func submit(_ command: Command, as actor: String? = nil) throws(SessionFailure) -> Submitted {
        let now = clock()
        // `actor` is a program acting for someone (the portal for a parent): not `--as`.
        let ctx = CommandContext(login: actor ?? login, osUser: osUser, actingAs: actor == nil && actingAs, now: now)
        let result: Result<Submitted, Refusal> = try commit { state in
            var random = SystemRandomNumberGenerator()
            let decision = state.decide(command, context: ctx, random: &random)
            var files: [StagedFile] = []
            let result = decision.result.map { outcome -> Submitted in
                guard case .approved(let notice) = outcome else { return Submitted(outcome: outcome) }
                let mail = InvitationMail.stagedFile(notice, date: now)
                files.append(mail)
                return Submitted(outcome: outcome, outboxFile: mail.relativePath)
            }
            return Commit(records: SchoolState.records(decision, context: ctx), files: files, result: result)
        }
        switch result {
        case .success(let submitted): return submitted
        case .failure(let refusal): throw .refused(refusal)
        }
    }

    /// ``submit(_:as:)``, for callers that need only the outcome.
    @discardableResult
    public func run(_ command: Command, as actor: String? = nil) throws(SessionFailure) -> Outcome {
        try submit(command, as: actor).outcome
    }

    /// Decides `commands` one after another on the fresh state, each seeing the ones before,
    /// and commits all their records at once (unless `dryRun`). A refused command is
    /// skipped; its refusal is in the result at its position. `progress` is told how many
    /// commands are decided so far (for a progress bar).
    ///
    /// With `asOneBatch` (an import), when ``DecidedBatch/wholeRefusal`` says the
    /// refusals concern the whole batch, nothing is committed and that refusal is thrown
    /// (`.refused`) — decided inside the commit, on the same fresh state.
    public func runAll(_ commands: [Command], dryRun: Bool = false, asOneBatch: Bool = false,
                       progress: (Int) -> Void = { _ in }) throws(SessionFailure) -> [Result<Outcome, Refusal>] {
        let ctx = CommandContext(login: login, osUser: osUser, actingAs: actingAs, now: clock())
        func decideAll(_ start: SchoolState) -> DecidedBatch {
            var state = start
            var random = SystemRandomNumberGenerator()
            return state.decideAndApply(commands, context: ctx, random: &random, progress: progress)
        }
        func wholeRefusal(_ batch: DecidedBatch) -> Refusal? {
            asOneBatch ? batch.wholeRefusal : nil
        }
        if dryRun {
            let batch = decideAll(state)
            if let refusal = wholeRefusal(batch) { throw .refused(refusal) }
            return batch.results
        }
        let batch = try commit { state in
            let batch = decideAll(state)
            return Commit(records: wholeRefusal(batch) == nil ? batch.records : [], result: batch)
        }
        if let refusal = wholeRefusal(batch) { throw .refused(refusal) }
        return batch.results
    }

    /// Appends ready-made records (the demo) as one commit. With `onlyIfEmpty`, nothing
    /// is written (and `.schoolExists` refused) when another program created a school meanwhile.
    public func append(_ records: [Recorded], files: [StagedFile] = [], onlyIfEmpty: Bool = false) throws(SessionFailure) {
        let refused: Bool = try commit { state in
            if onlyIfEmpty && !state.isEmpty { return Commit(records: [], result: true) }
            return Commit(records: records, files: files, result: false)
        }
        if refused { throw .refused(.schoolExists) }
    }

    /// Keeps a photo's bytes in the store's media folder and returns the relative path to
    /// record in the photo (see `Store.storeMedia`).
    public func storeMedia(_ data: Data, fileExtension: String) throws(SessionFailure) -> String {
        do {
            return try store.storeMedia(data, extension: fileExtension)
        } catch {
            throw SessionFailure(error)
        }
    }

    private func commit<R>(_ decide: (SchoolState) throws -> Commit<Recorded, R>) throws(SessionFailure) -> R {
        do {
            return try store.commit(decide)
        } catch let e as StoreError {
            throw SessionFailure(e)
        } catch {
            throw SessionFailure.store("The store could not save the change: \(error)")
        }
    }
}
