import Testing
@testable import SchoolGate

@Suite("A batch (an import) is refused whole only for who acts or where, or when every item met the same refusal")
struct BatchRefusalTests {
    typealias R = Result<Outcome, Refusal>
    let notAllowed = Refusal.notAllowed(action: "add events", who: "tom")
    let pending = Refusal.alreadyPending(invitation: 3)

    @Test("the first item refused for who acts or where refuses the batch, whatever follows")
    func actorOrPlace() {
        #expect(Refusal.refusingWholeBatch([.failure(notAllowed), .success(.created(id: 1))]) == notAllowed)
        #expect(Refusal.refusingWholeBatch([.failure(.noSchool)]) == .noSchool)
        #expect(Refusal.refusingWholeBatch([.failure(.notStaff(login: "zed"))]) == .notStaff(login: "zed"))
    }

    @Test("every item refused alike (two or more) refuses the batch; one item refused is skipped, not the batch")
    func allAlike() {
        #expect(Refusal.refusingWholeBatch([.failure(pending), .failure(pending)]) == pending)
        #expect(Refusal.refusingWholeBatch([.failure(pending)]) == nil)
        #expect(Refusal.refusingWholeBatch([.failure(pending), .failure(.alreadyPending(invitation: 4))]) == nil)
    }

    @Test("a batch with an accepted item, an empty batch, or a later actor refusal stands")
    func stands() {
        let results: [R] = [.success(.created(id: 1)), .failure(notAllowed)]
        #expect(Refusal.refusingWholeBatch(results) == nil)
        #expect(Refusal.refusingWholeBatch([]) == nil)
        #expect(Refusal.refusingWholeBatch([.failure(pending), .success(.done)]) == nil)
    }

    @Test("which refusals concern the whole batch")
    func kinds() {
        #expect(Refusal.sharingDisabled(.tenant).concernsWholeBatch)
        #expect(!pending.concernsWholeBatch)
        #expect(!Refusal.invalidEmail(address: "x", reason: "no @").concernsWholeBatch)
    }
}
