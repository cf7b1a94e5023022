import SchoolGate
import SchoolGateStore

/// Why a command did not take effect, for every front end (the CLI maps it to exit codes,
/// the terminal UI shows it on the status line).
public enum SessionFailure: Error, Sendable, Equatable {
    /// The domain refused it; the message is shown verbatim.
    case refused(Refusal)
    /// The store could not be opened or could not commit (locked too long, damaged, disk
    /// full): nothing changed.
    case store(String)

    /// The store's explanation of `error`, with anything from the store neutralised.
    public init(_ error: StoreError) {
        self = .store(SafeText.neutralised(error.message))
    }

    /// The line shown to staff after a command.
    public var message: String {
        switch self {
        case .refused(let r): r.message
        case .store(let s): "Nothing was saved: \(s)"
        }
    }
}
