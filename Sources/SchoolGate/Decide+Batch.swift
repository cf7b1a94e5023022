import Foundation

/// What deciding commands one after another gave: every decision's records and each
/// command's outcome or refusal, in order.
public struct DecidedBatch: Sendable {
    /// The records of every decision, oldest first — a refused command's too, such as a
    /// recorded mismatch attempt.
    public var records: [Recorded] = []
    /// Each command's outcome or refusal, in the order the commands were given.
    public var results: [Result<Outcome, Refusal>] = []

    /// The refusal that stops the batch as a whole, if the rules say so
    /// (``Refusal/refusingWholeBatch(_:)``); nil when it stands, its refused commands
    /// skipped one by one.
    public var wholeRefusal: Refusal? { Refusal.refusingWholeBatch(results) }
}

extension SchoolState {
    /// The one decide-then-apply loop: decides `commands` in order against this state,
    /// applying each decision's records before the next command is decided, so that each
    /// sees the ones before it. A refused command is skipped (the records it makes, such
    /// as a recorded mismatch attempt, are applied all the same) and the batch goes on;
    /// whether a refusal stops the whole batch is ``DecidedBatch/wholeRefusal``'s to say.
    ///
    /// Pure, like ``decide(_:context:random:)``. `progress` is told how many commands are
    /// decided so far (for a progress bar).
    @discardableResult
    public mutating func decideAndApply(_ commands: some Sequence<Command>, context: CommandContext,
                                        random: inout some RandomNumberGenerator,
                                        progress: (Int) -> Void = { _ in }) -> DecidedBatch {
        var batch = DecidedBatch()
        batch.results.reserveCapacity(commands.underestimatedCount)
        for (done, command) in commands.enumerated() {
            let decision = decide(command, context: context, random: &random)
            let records = SchoolState.records(decision, context: context)
            for record in records { apply(record) }
            batch.records += records
            batch.results.append(decision.result)
            progress(done + 1)
        }
        return batch
    }

    /// ``decideAndApply(_:context:random:progress:)`` for one command: its records (applied
    /// to this state) and its outcome or refusal.
    @discardableResult
    public mutating func decideAndApply(_ command: Command, context: CommandContext,
                                        random: inout some RandomNumberGenerator)
        -> (records: [Recorded], result: Result<Outcome, Refusal>)
    {
        let batch = decideAndApply(CollectionOfOne(command), context: context, random: &random)
        return (batch.records, batch.results[0])
    }

    /// What the rules would answer to `command` now, without keeping anything: nil when it
    /// would be accepted, else the refusal. The command is decided as a batch of one on a
    /// copy of this state; a real submission decides it again.
    public func refusal(of command: Command, context: CommandContext) -> Refusal? {
        var trial = self
        var random = SystemRandomNumberGenerator()
        if case .failure(let refusal) = trial.decideAndApply(command, context: context, random: &random).result {
            return refusal
        }
        return nil
    }
}
