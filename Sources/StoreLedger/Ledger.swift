import Foundation
import SchoolGateStore

/// A tiny journaled state for testing and exercising the store: one-time tokens, a
/// limited number of seats, and numbered notes per writer.
///
/// It stands in for the school's state so that the store's tests and the `store-stress`
/// executable can race for the same token or the last seat, and check after a crash that
/// every acknowledged note is there.
public struct Ledger: JournaledState, Codable, Equatable {
    /// The tokens issued and not yet redeemed.
    public var openTokens: Set<String> = []
    /// Redeemed tokens and who redeemed them.
    public var redeemed: [String: String] = [:]
    /// How many seats there are.
    public var seats = 0
    /// Who holds a seat, in order.
    public var seated: [String] = []
    /// For each writer, the numbers of its notes in the order they were committed.
    public var notes: [String: [Int]] = [:]
    /// Bytes of padding seen in notes (so tests can make records of any size).
    public var padding = 0

    /// An empty ledger.
    public init() {}

    /// Folds one record.
    public mutating func apply(_ record: LedgerRecord) {
        switch record.kind {
        case .issue:
            openTokens.insert(record.key)
        case .redeem:
            openTokens.remove(record.key)
            redeemed[record.key] = record.by ?? ""
        case .seats:
            seats = record.number
        case .seat:
            seated.append(record.key)
        case .note:
            notes[record.key, default: []].append(record.number)
            padding += record.padding?.utf8.count ?? 0
        }
    }

    /// Decides a redemption: refused unless `token` is issued and not yet redeemed.
    public func redeem(_ token: String, by person: String) throws(LedgerRefusal) -> LedgerRecord {
        if let winner = redeemed[token] { throw .alreadyRedeemed(token: token, by: winner) }
        guard openTokens.contains(token) else { throw .unknownToken(token) }
        return LedgerRecord(.redeem, key: token, by: person)
    }

    /// Decides taking a seat: refused when all are taken.
    public func takeSeat(_ person: String) throws(LedgerRefusal) -> LedgerRecord {
        guard seated.count < seats else { throw .noSeatLeft }
        return LedgerRecord(.seat, key: person)
    }
}

/// One record of a ``Ledger``.
public struct LedgerRecord: Codable, Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Codable, Sendable {
        case issue, redeem, seats, seat, note
    }

    /// What happened.
    public var kind: Kind
    /// The token, person or writer concerned.
    public var key: String
    /// Seats for `.seats`, the note number for `.note`.
    public var number: Int
    /// Who redeemed, for `.redeem`.
    public var by: String?
    /// Filler to make the record larger.
    public var padding: String?

    /// Creates a record.
    public init(_ kind: Kind, key: String, number: Int = 0, by: String? = nil, padding: String? = nil) {
        self.kind = kind
        self.key = key
        self.number = number
        self.by = by
        self.padding = padding
    }
}

/// Why a ``Ledger`` decision was refused.
public enum LedgerRefusal: Error, Equatable {
    case unknownToken(String)
    case alreadyRedeemed(token: String, by: String)
    case noSeatLeft
}
