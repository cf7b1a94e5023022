/// Splits a command line such as `/usr/sbin/sendmail -t -i` or
/// `msmtp -C "/etc/school mail/msmtprc" -t` into arguments, the way a POSIX shell would
/// for words and quotes (no variables, globbing or redirection: nothing is run by a shell).
public enum CommandLineWords {
    /// Why a command line could not be split.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case unclosedQuote(Character)
        case trailingBackslash

        public var description: String {
            switch self {
            case .empty: "the mail command is empty"
            case .unclosedQuote(let quote): "the mail command has a \(quote) quote that is never closed"
            case .trailingBackslash: "the mail command ends with a backslash"
            }
        }
    }

    /// The words of `line`: separated by blanks; `'...'` keeps everything literally,
    /// `"..."` keeps everything but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes escapes
    /// the next character.
    public static func split(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in line {
            if escaping {
                // Inside double quotes a backslash only escapes `"`, `\`, `$` and `` ` ``.
                if quote == "\"", !"\"\\$`".contains(character) { current.append("\\") }
                current.append(character)
                escaping = false
                continue
            }
            switch quote {
            case "'":
                if character == "'" { quote = nil } else { current.append(character) }
            case "\"":
                if character == "\"" {
                    quote = nil
                } else if character == "\\" {
                    escaping = true
                } else {
                    current.append(character)
                }
            default:
                if character == " " || character == "\t" || character == "\n" {
                    if inWord {
                        words.append(current)
                        current = ""
                        inWord = false
                    }
                } else if character == "'" || character == "\"" {
                    quote = character
                    inWord = true
                } else if character == "\\" {
                    escaping = true
                    inWord = true
                } else {
                    current.append(character)
                    inWord = true
                }
            }
        }
        if escaping { throw .trailingBackslash }
        if let quote { throw .unclosedQuote(quote) }
        if inWord { words.append(current) }
        if words.isEmpty { throw .empty }
        return words
    }
}
