import Foundation

/// One step of a model-based sequence. Steps name things by small numbers (the n-th
/// invitation created so far, the n-th address of a fixed list) rather than by the ids the
/// program hands out, so that dropping steps (shrinking) still leaves a valid sequence.
indirect enum Step: Sendable, Hashable, CustomStringConvertible {
    /// `tess` asks for an invitation for address `email` to site `site` (0 news, 1 paris).
    case invite(site: Int, email: Int)
    /// `approver` (0 olu, 1 omar, 2 tess) approves the `ref`-th invitation (an unknown id when `ref` < 0).
    case approve(ref: Int, approver: Int)
    case reject(ref: Int)
    case withdraw(ref: Int)
    /// Redeems the `ref`-th invitation's code with its own address (`account` 0) or another one;
    /// `garbage` uses a code nobody was given.
    case redeem(ref: Int, account: Int, garbage: Bool)
    /// `ada` sets the PAL capacity to the number of external users plus `delta`.
    case capacity(delta: Int)
    /// `olu` removes external user `email`.
    case removeUser(email: Int)
    /// `ada` sets the school's sharing level (0 off, 1 existing, 2 new), confirmed.
    case sharing(level: Int)
    /// `tess` posts on site `site`.
    case post(site: Int)
    /// The clock moves on.
    case advance(days: Int)
    /// The program stops and the store is opened again from disk; `torn` 1 leaves garbage
    /// and 2 half an entry at the end of the journal, as a crash mid-write would.
    case reopen(torn: Int)
    /// The `call`-th file-system call of `step` fails (EIO or ENOSPC).
    case fault(call: Int, enospc: Bool, step: Step)

    var description: String {
        switch self {
        case .invite(let s, let e): "invite(site: \(s), email: \(e))"
        case .approve(let r, let a): "approve(ref: \(r), approver: \(a))"
        case .reject(let r): "reject(ref: \(r))"
        case .withdraw(let r): "withdraw(ref: \(r))"
        case .redeem(let r, let a, let g): "redeem(ref: \(r), account: \(a), garbage: \(g))"
        case .capacity(let d): "capacity(delta: \(d))"
        case .removeUser(let e): "removeUser(email: \(e))"
        case .sharing(let l): "sharing(level: \(l))"
        case .post(let s): "post(site: \(s))"
        case .advance(let d): "advance(days: \(d))"
        case .reopen(let t): "reopen(torn: \(t))"
        case .fault(let c, let n, let s): "fault(call: \(c), enospc: \(n), step: \(s))"
        }
    }

    /// A random step; commands that can succeed are the likeliest.
    static func random(_ g: inout some RandomNumberGenerator, nested: Bool = false) -> Step {
        let ref = Int.random(in: -1...30, using: &g)
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<22: return .invite(site: Int.random(in: 0...1, using: &g), email: Int.random(in: 0..<6, using: &g))
        case 22..<40: return .approve(ref: ref, approver: Int.random(in: 0..<10, using: &g) == 0 ? 2 : Int.random(in: 0...1, using: &g))
        case 40..<44: return .reject(ref: ref)
        case 44..<48: return .withdraw(ref: ref)
        case 48..<66:
            let account = Int.random(in: 0..<5, using: &g) == 0 ? Int.random(in: 1..<6, using: &g) : 0
            return .redeem(ref: ref, account: account, garbage: Int.random(in: 0..<20, using: &g) == 0)
        case 66..<70: return .capacity(delta: Int.random(in: -1...2, using: &g))
        case 70..<74: return .removeUser(email: Int.random(in: 0..<6, using: &g))
        case 74..<78: return .sharing(level: Int.random(in: 0...2, using: &g))
        case 78..<86: return .post(site: Int.random(in: 0...1, using: &g))
        case 86..<89: return .advance(days: Int.random(in: 1...16, using: &g))
        case 89..<95 where !nested: return .reopen(torn: Int.random(in: 0...2, using: &g))
        case 95..<100 where !nested:
            return .fault(call: Int.random(in: 1...24, using: &g), enospc: Bool.random(using: &g), step: random(&g, nested: true))
        default: return .post(site: 0)
        }
    }
}
