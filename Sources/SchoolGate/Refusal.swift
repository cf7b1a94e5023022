/// Why the domain refused a command, in words a school office understands.
public enum Refusal: Error, Sendable, Equatable {
    case invalidEmail(address: String, reason: String)

    /// The one-line explanation shown to staff.
    public var message: String {
        switch self {
        case .invalidEmail(let address, let reason):
            "\"\(address)\" is not a valid e-mail address: \(reason)."
        }
    }
}
