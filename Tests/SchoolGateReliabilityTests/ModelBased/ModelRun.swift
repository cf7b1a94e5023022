import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import SchoolGateTesting

/// The clock of one sequence (the program reads it, the steps move it).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Runs one sequence of steps against the real session over a real store (opened through
/// the fault-injecting seam), and after every step compares the program with the model.
final class ModelRun {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    static let sites = [School.news, School.paris]
    static let approvers = ["olu", "omar", "tess"]

    let folder: URL
    let clock: TestClock
    let faults: FaultInjectingFileSystem
    var session: SchoolStore
    var model: Model
    /// For a test of the checker itself: the model forgets that a code works only once.
    let brokenModel: Bool

    init(template: URL, folder: URL, brokenModel: Bool = false) throws {
        try copyFolder(template, to: folder)
        let clock = TestClock(ModelRun.start)
        let faults = FaultInjectingFileSystem()
        self.folder = folder
        self.clock = clock
        self.faults = faults
        session = try School.open(folder, fileSystem: faults, clock: { clock.now })
        model = Model(now: ModelRun.start)
        self.brokenModel = brokenModel
    }

    /// Runs `steps`; returns the first disagreement ("step N (STEP): what"), or nil.
    func run(_ steps: [Step]) -> String? {
        for (index, step) in steps.enumerated() {
            do {
                if let problem = try perform(step) ?? verify() { return "step \(index) (\(step)): \(problem)" }
            } catch {
                return "step \(index) (\(step)): \(error)"
            }
        }
        return nil
    }

    static func refusalName(_ r: Refusal) -> String {
        Mirror(reflecting: r).children.first?.label ?? "\(r)"
    }

    /// Runs one command; nil when the answer is the expected one, else what differs.
    /// `onSuccess` updates the model.
    func command(_ command: Command, as login: String, expect expected: Model.Expected,
                 faulted: Bool, onSuccess: (Outcome) -> Void) -> String? {
        do throws(SessionFailure) {
            let outcome = try session.run(command, as: login)
            if let expected { return "succeeded, but the model expected \(expected)" }
            onSuccess(outcome)
            return nil
        } catch .refused(let r) {
            let name = Self.refusalName(r)
            if name == expected { return nil }
            return "refused with \(name) (\(r.message)), but the model expected \(expected ?? "success")"
        } catch {
            return faulted && faults.injectedFailure != nil ? nil : "store error without a fault: \(error.message)"
        }
    }

    func perform(_ step: Step, faulted: Bool = false) throws -> String? {
        let now = clock.now
        model.now = now
        switch step {
        case .invite(let site, let e):
            let email = Model.emails[e]
            return command(.requestInvitation(site: Self.sites[site], email: email, note: "parent"), as: "tess",
                           expect: model.expectInvite(site: site, email: email), faulted: faulted) { outcome in
                guard case .created(let id) = outcome else { return }
                model.invitations.append(.init(id: id, site: site, email: email, state: .requested,
                                               expires: now.addingTimeInterval(Model.expiryDays * 86_400)))
            }
        case .approve(let ref, let approver):
            let inv = model.invitation(ref)
            return command(.approveInvitation(id: inv?.id ?? 99_999, identityNote: "phoned"), as: Self.approvers[approver],
                           expect: model.expectApprove(inv, approver: approver), faulted: faulted) { outcome in
                guard case .approved(let notice) = outcome, let i = model.invitations.firstIndex(where: { $0.id == notice.invitationID })
                else { return }
                model.invitations[i].state = .sent
                model.invitations[i].code = notice.code
                model.invitations[i].expires = now.addingTimeInterval(Model.expiryDays * 86_400)
            }
        case .reject(let ref), .withdraw(let ref):
            let inv = model.invitation(ref)
            let rejecting = if case .reject = step { true } else { false }
            let cmd: Command = rejecting ? .rejectInvitation(id: inv?.id ?? 99_999, reason: "not a parent")
                                         : .withdrawInvitation(id: inv?.id ?? 99_999)
            return command(cmd, as: rejecting ? "olu" : "tess", expect: model.expectEnd(inv), faulted: faulted) { _ in
                guard let i = model.invitations.firstIndex(where: { $0.id == inv?.id }) else { return }
                model.invitations[i].state = rejecting ? .rejected : .withdrawn
            }
        case .redeem(let ref, let account, let garbage):
            let inv = model.invitation(ref)
            let address = account == 0 ? (inv?.email ?? Model.emails[0]) : Model.emails[account]
            let code = garbage ? "AAAA-BBBB-CCCC-DDDD" : (inv?.code ?? "never-given-\(ref)")
            var expected = model.expectRedeem(inv, account: address, garbage: garbage)
            if brokenModel && expected == "alreadyAccepted" { expected = nil }
            return command(.redeem(code: code, account: address), as: address, expect: expected, faulted: faulted) { _ in
                guard let i = model.invitations.firstIndex(where: { $0.id == inv?.id }) else { return }
                model.redeemed(i, account: address)
            }
        case .capacity(let delta):
            let n = max(0, model.users.count + delta)
            return command(.setTenantPolicy(.palCapacity(n)), as: "ada", expect: n < model.users.count ? "capacityBelowUsed" : nil,
                           faulted: faulted) { _ in model.capacity = n }
        case .removeUser(let e):
            let email = Model.emails[e]
            return command(.removeExternalUser(email: email), as: "olu",
                           expect: model.users.contains(email) ? nil : "unknownExternalUser", faulted: faulted) { _ in
                model.removeUser(email)
            }
        case .sharing(let level):
            let levels: [SharingLevel] = [.off, .existing, .new]
            return command(.setTenantSharing(levels[level], confirmed: true), as: "ada", expect: nil, faulted: faulted) { _ in
                model.level = level
            }
        case .post(let site):
            let post = Post(id: 0, title: "News \(model.posts[site])", body: "Text", author: "tess", posted: now)
            let content: SiteContent = site == 0 ? .announcement(post) : .blogPost(post)
            return command(.saveContent(site: Self.sites[site], content), as: "tess", expect: nil, faulted: faulted) { _ in
                model.posts[site] += 1
            }
        case .advance(let days):
            clock.now = now.addingTimeInterval(Double(days) * 86_400 + 3_600)
            return nil
        case .reopen(let torn):
            return try reopen(torn: torn)
        case .fault(let call, let enospc, let inner):
            let before = FolderImage(folder)
            let stateBefore = session.store.state
            let modelBefore = model
            faults.arm(failingCall: call, with: enospc ? ENOSPC : EIO)
            defer { faults.disarm() }
            if let problem = try perform(inner, faulted: true) { return problem }
            if faults.injectedFailure != nil, model.invitations.count == modelBefore.invitations.count,
               session.store.state == stateBefore {
                // The command failed on the fault: nothing at all changed.
                let after = FolderImage(folder)
                if after != before { return "a failed commit changed the store: \(after.difference(from: before))" }
            }
            return nil
        }
    }

    /// Drops the program (as a crash would), optionally leaves a torn tail, opens again.
    func reopen(torn: Int) throws -> String? {
        let expected = session.store.state
        let journal = folder.appendingPathComponent("journal-v1.log")
        var tail = Data()
        if torn > 0 {
            let bytes = try Data(contentsOf: journal)
            let lines = bytes.split(separator: 0x0A)
            if torn == 1 || lines.isEmpty {
                tail = Data("C 0000000".utf8) + Data((0..<17).map { UInt8(0x41 + ($0 * 13) % 26) })
            } else {
                let last = lines.last!
                tail = Data(last.prefix(max(1, last.count / 2)))
            }
            let handle = try FileHandle(forWritingTo: journal)
            try handle.seekToEnd()
            try handle.write(contentsOf: tail)
            try handle.close()
        }
        let clock = self.clock
        session = try School.open(folder, fileSystem: faults, clock: { clock.now })
        if session.store.isReadOnly { return "read-only after reopening: \(session.store.notices)" }
        if session.store.state != expected { return "the state changed across the reopen" }
        if torn > 0 && !session.store.notices.contains(where: { $0.contains("quarantine") }) {
            return "a torn tail went unnoticed: \(session.store.notices)"
        }
        return nil
    }

    /// Compares what the program shows with the model.
    func verify() -> String? {
        let state = session.store.state
        let now = clock.now
        let levels: [SharingLevel] = [.off, .existing, .new]
        if state.tenantSharing != levels[model.level] { return "sharing \(state.tenantSharing), model \(model.level)" }
        if state.tenant?.palCapacity != model.capacity { return "capacity \(String(describing: state.tenant?.palCapacity)), model \(model.capacity)" }
        if state.invitations.count != model.invitations.count {
            return "\(state.invitations.count) invitations, model \(model.invitations.count)"
        }
        for inv in model.invitations {
            guard let real = state.invitations[inv.id] else { return "invitation \(inv.id) missing" }
            if real.email.value != inv.email || real.site != Self.sites[inv.site] { return "invitation \(inv.id) differs" }
            if real.state(at: now).rawValue != inv.state(at: now).rawValue {
                return "invitation \(inv.id) is \(real.state(at: now)), model \(inv.state(at: now))"
            }
        }
        let users = Set(state.externalUsers.keys.map(\.value))
        if users != model.users { return "external users \(users.sorted()), model \(model.users.sorted())" }
        if state.palGauge(at: now).used != model.users.count { return "PAL used \(state.palGauge(at: now).used)" }
        let active = Set(state.grants.values.filter { state.isActive($0, at: now) }.map {
            ["\(Self.sites.firstIndex(of: $0.site) ?? -1)", $0.email.value]
        })
        let modelActive = Set(model.grants.filter { model.hasAccess(site: Int($0[0])!, email: $0[1]) })
        if active != modelActive { return "active grants \(active.sorted { $0.description < $1.description }), model \(modelActive.sorted { $0.description < $1.description })" }
        let posts = [state.sites[School.news]?.announcements.count ?? -1, state.sites[School.paris]?.blog.count ?? -1]
        if posts != model.posts { return "posts \(posts), model \(model.posts)" }
        return nil
    }
}

/// Drops steps, from the last to the first, while the failure still reproduces.
func shrink(_ steps: [Step], fails: ([Step]) -> Bool) -> [Step] {
    var current = steps
    var index = current.count - 1
    while index >= 0 {
        var candidate = current
        candidate.remove(at: index)
        if fails(candidate) { current = candidate }
        index = min(index, current.count) - 1
    }
    return current
}
