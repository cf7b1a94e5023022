import SchoolGateTUI

/// A script of keys as written in tests and the benchmarks: plain characters stand for
/// themselves, `<Name>` is a named key (`<Enter>`, `<Esc>`, `<Down>`, `<C-c>`, `<lt>`
/// for "<").
public enum KeyScript {
    /// Parses `script`; an unknown `<...>` name is an error naming it.
    public static func parse(_ script: String) throws(ConfigError) -> [Key] {
        var keys: [Key] = []
        var i = script.startIndex
        while i < script.endIndex {
            let c = script[i]
            if c == "<", let close = script[i...].firstIndex(of: ">"), close > script.index(after: i) {
                let name = String(script[script.index(after: i)..<close])
                if name == "lt" {
                    keys.append(.character("<"))
                } else if let key = Key(name: name) {
                    keys.append(key)
                } else {
                    throw ConfigError(file: "key script", line: 0, message: "unknown key <\(name)>")
                }
                i = script.index(after: close)
            } else {
                keys.append(c == "\n" ? .enter : .character(c))
                i = script.index(after: i)
            }
        }
        return keys
    }
}
