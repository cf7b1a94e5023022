extension Tenant {
    /// The address `schoolgate init` records when no `--mail-from` is given: a reserved
    /// domain that no mail system delivers from, so it stands for "not set yet".
    public static let placeholderMailFrom = "office@school.invalid"

    /// Whether invitation e-mails may be delivered: nil when the school's `mail-from` is
    /// set, otherwise the refusal (``Refusal/mailFromNotSet(placeholder:)``) saying how to set it.
    public var mailDeliveryRefusal: Refusal? {
        mailFrom.lowercased() == Tenant.placeholderMailFrom ? .mailFromNotSet(placeholder: mailFrom) : nil
    }
}
