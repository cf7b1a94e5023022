import Foundation

extension Refusal {
    /// True for a refusal about who acts or where, not about one item of a batch (no
    /// school, an unknown login, a role that may not do this, sharing off): every item
    /// would meet it.
    public var concernsWholeBatch: Bool {
        switch self {
        case .noSchool, .notStaff, .notAllowed, .sharingDisabled: true
        default: false
        }
    }

    /// The refusal that stops a whole batch of commands (an import of many rows or
    /// events), given each command's result in order: the first command's refusal when it
    /// is about who acts or where, or the one refusal every command of a batch of two or
    /// more met alike. Nil when the batch stands, its refused items skipped one by one.
    public static func refusingWholeBatch(_ results: [Result<Outcome, Refusal>]) -> Refusal? {
        guard case .failure(let first) = results.first else { return nil }
        if first.concernsWholeBatch { return first }
        let allAlike = results.count > 1 && results.allSatisfy { result in
            if case .failure(let refusal) = result { refusal == first } else { false }
        }
        return allAlike ? first : nil
    }
}
