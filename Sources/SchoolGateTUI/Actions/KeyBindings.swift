/// The keys bound to each action: the table's defaults with the user's keys file
/// applied. Answers "which action does this key mean here?" and produces the hint bar
/// and the help screen, so those always show the keys really in force.
public struct KeyBindings: Sendable {
    public let table: ActionTable
    private var bound: [ActionID: [Key]]
    private var lookup: [ActionScope: [Key: ActionID]]

    /// The table's default keys.
    public init(table: ActionTable = .standard) {
        self.table = table
        bound = Dictionary(uniqueKeysWithValues: table.specs.map { ($0.id, $0.defaultKeys) })
        lookup = [:]
        rebuildLookup()
    }

    /// The defaults with a keys file applied. The format, one action per line:
    ///
    ///     # comment
    ///     action-name = KEY [KEY ...]
    ///     action-name = none
    ///
    /// A key given to an action is taken away from any other action that applies in
    /// the same place. Key names are those of `Key(name:)`. Errors name `file` and the line.
    public init(table: ActionTable = .standard, keysFile text: String, file: String) throws(ConfigError) {
        self.init(table: table)
        let settings = try SettingsFile(parsing: text, file: file)
        var setAt: [ActionID: Int] = [:]
        var userKeys: [(ActionID, Key, Int)] = []
        for entry in settings.entries {
            let id = ActionID(rawValue: entry.name)
            guard let spec = table.spec(id) else {
                throw ConfigError(file: file, line: entry.line,
                    message: "unknown action \"\(entry.name)\"; the help screen (?) and docs/user-guide.md list them")
            }
            if let first = setAt[id] {
                throw ConfigError(file: file, line: entry.line, message: "\"\(entry.name)\" is already bound on line \(first)")
            }
            setAt[id] = entry.line
            let words = SettingsFile.words(entry.value)
            guard !words.isEmpty else {
                throw ConfigError(file: file, line: entry.line, message: "no key after \"=\" (write \"none\" to unbind)")
            }
            var keys: [Key] = []
            if words != ["none"] {
                for word in words {
                    guard let key = Key(name: word) else {
                        throw ConfigError(file: file, line: entry.line, message: "unknown key \"\(word)\"; use a single "
                            + "character, Space, Enter, Esc, Tab, S-Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, "
                            + "Backspace, Delete, F1-F12 or C-a to C-z")
                    }
                    if let clash = userKeys.first(where: { $0.1 == key && $0.0 != id
                        && !(table.spec($0.0)?.scopes.isDisjoint(with: spec.scopes) ?? true) }) {
                        throw ConfigError(file: file, line: entry.line, message: "key \(key.name) is already bound to "
                            + "\"\(clash.0.rawValue)\" on line \(clash.2)")
                    }
                    keys.append(key)
                    userKeys.append((id, key, entry.line))
                }
            }
            // The user's keys win over other actions' defaults in the same places.
            for other in table.specs where other.id != id && !other.scopes.isDisjoint(with: spec.scopes) {
                bound[other.id]?.removeAll { keys.contains($0) && setAt[other.id] == nil }
            }
            bound[id] = keys
        }
        rebuildLookup()
    }

    /// The keys bound to `id`, first the one the hint bar shows.
    public func keys(for id: ActionID) -> [Key] { bound[id] ?? [] }

    /// The action `key` means when `scopes` are active (most specific first).
    public func action(for key: Key, in scopes: [ActionScope]) -> ActionID? {
        for scope in scopes {
            if let id = lookup[scope]?[key] { return id }
        }
        return nil
    }

    /// Hint-bar entries for `scopes`: keys ("j/k") and label ("Move"), the most specific
    /// scope's actions first, each scope's in table order.
    public func hints(for scopes: [ActionScope], offered: (ActionID) -> Bool = { _ in true }) -> [(keys: String, label: String)] {
        var result: [(keys: String, label: String)] = []
        var done = Set<ActionID>()
        for scope in scopes {
            for spec in table.specs where spec.scopes.contains(scope) && done.insert(spec.id).inserted {
                guard let label = spec.hint, offered(spec.id), let key = keys(for: spec.id).first,
                      action(for: key, in: scopes) == spec.id else { continue }
                var text = key.name
                if let partner = spec.hintPartner, let other = keys(for: partner).first { text += "/" + other.name }
                result.append((text, label))
            }
        }
        return result
    }

    /// The help screen's sections: for each scope, every action with all its keys.
    public func helpSections() -> [(title: String, rows: [(keys: String, help: String)])] {
        helpSections(for: ActionScope.allCases, offered: { _ in true }, reachableOnly: false)
    }

    /// The help screen's sections where `scopes` are active (most specific first): each
    /// action `offered` there, with the keys that reach it there — the same actions the
    /// hint bar may show, and no others. An action is listed under its first scope in
    /// `ActionScope` order.
    public func helpSections(for scopes: [ActionScope], offered: (ActionID) -> Bool)
        -> [(title: String, rows: [(keys: String, help: String)])] {
        helpSections(for: scopes, offered: offered, reachableOnly: true)
    }

    private func helpSections(for scopes: [ActionScope], offered: (ActionID) -> Bool, reachableOnly: Bool)
        -> [(title: String, rows: [(keys: String, help: String)])] {
        let active = Set(scopes)
        return ActionScope.allCases.filter(active.contains).compactMap { scope in
            let rows = table.specs.compactMap { spec -> (keys: String, help: String)? in
                guard spec.scopes.contains(scope), primaryScope(spec, among: active) == scope, offered(spec.id) else { return nil }
                var keys = keys(for: spec.id)
                if reachableOnly {
                    keys = keys.filter { action(for: $0, in: scopes) == spec.id }
                    if keys.isEmpty { return nil }
                }
                return (keys: keys.isEmpty ? "(none)" : keys.map(\.name).joined(separator: " "), help: spec.help)
            }
            return rows.isEmpty ? nil : (scope.title, rows)
        }
    }

    /// The first of `scopes` (in `ActionScope` order) an action belongs to; it is listed there.
    private func primaryScope(_ spec: ActionSpec, among scopes: Set<ActionScope>) -> ActionScope? {
        ActionScope.allCases.first { scopes.contains($0) && spec.scopes.contains($0) }
    }

    private mutating func rebuildLookup() {
        lookup = [:]
        for spec in table.specs {
            for scope in spec.scopes {
                for key in bound[spec.id] ?? [] where lookup[scope]?[key] == nil {
                    lookup[scope, default: [:]][key] = spec.id
                }
            }
        }
    }
}
