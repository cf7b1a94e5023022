import Foundation
import Testing
@testable import SchoolGate

@Suite("The decide-then-apply loop: each command sees the ones before; refusals are skipped or refuse the whole")
struct DecideAndApplyTests {
    @Test("a later command sees an earlier one's change; a refused one is skipped and the batch goes on")
    func eachSeesTheOnesBefore() {
        var f = Fixture()
        let before = f.state
        let batch = f.state.decideAndApply(
            [.requestInvitation(site: f.trip, email: "kim@example.org", note: "parent"),
             .requestInvitation(site: f.trip, email: "kim@example.org", note: "again"),
             .requestInvitation(site: f.trip, email: "lee@example.org", note: "parent")],
            context: f.context("tess"), random: &f.random)
        #expect(batch.results.count == 3)
        guard case .success(.created(let first)) = batch.results[0] else { Issue.record("\(batch.results[0])"); return }
        #expect(batch.results[1] == .failure(.alreadyPending(invitation: first)))
        #expect((try? batch.results[2].get()) != nil)
        #expect(batch.records.count == 2)
        #expect(batch.wholeRefusal == nil)
        #expect(f.state.invitations.count == before.invitations.count + 2)
    }

    @Test("a batch refused for who acts is refused whole; asking for a refusal keeps nothing")
    func wholeRefusalAndTrial() {
        var f = Fixture()
        let command = Command.requestInvitation(site: f.trip, email: "kim@example.org", note: "parent")
        let batch = f.state.decideAndApply([command, command], context: f.context("zed"), random: &f.random)
        #expect(batch.wholeRefusal == .notStaff(login: "zed"))
        let before = f.state
        #expect(f.state.refusal(of: command, context: f.context("tess")) == nil)
        #expect(f.state.refusal(of: command, context: f.context("zed")) == .notStaff(login: "zed"))
        #expect(f.state == before)
    }
}
