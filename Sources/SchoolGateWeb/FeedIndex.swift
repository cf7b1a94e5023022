import Foundation
import SchoolGate
import SchoolGateStore

/// Who owns a calendar feed, by the SHA-256 of its secret address: derived from the school's
/// external users and rebuilt only when the store has a commit it was not built from, so a
/// feed fetch is a dictionary lookup instead of a look at every external user (10,000 at
/// the largest school). The answer is always confirmed against the current school, so a
/// reset address stops at once whatever the index holds.
final class FeedIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var builtAt: UInt64?
    private var owners: [String: EmailAddress] = [:]

    /// The owner of the feed whose address hashes to `hash`, with the state they were found in.
    func owner(of hash: String, in store: Store<SchoolState>) -> (user: ExternalUser, state: SchoolState)? {
        // The commit count is read before the state: the state is then at least as new as
        // the index says, and an index built from it is at worst rebuilt once too often.
        let commits = store.commitCount
        let state = store.state
        let email: EmailAddress? = lock.withLock {
            if builtAt.map({ $0 < commits }) ?? true {
                var index: [String: EmailAddress] = [:]
                index.reserveCapacity(state.externalUsers.count)
                for user in state.externalUsers.values {
                    if let feed = user.feedTokenHash { index[feed] = user.email }
                }
                owners = index
                builtAt = commits
            }
            return owners[hash]
        }
        guard let email, let user = state.externalUsers[email], user.feedTokenHash == hash else { return nil }
        return (user, state)
    }
}
