#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw

/// The process locale, which must be set before curses starts and before any text is
/// measured: the C library's `wcwidth` and ncursesw's wide output both depend on it.
/// (Tests pin it with `pinForTests()`, in the `SchoolGateTesting` target.)
public enum TerminalLocale {
    /// Sets the locale from the environment (`setlocale(LC_ALL, "")`). When that locale
    /// does not encode text as UTF-8 (for example `LANG` unset over SSH), the character
    /// classification alone falls back to `C.UTF-8`, so names with accents, CJK and emoji
    /// still measure and draw correctly. Returns whether text is UTF-8 afterwards.
    @discardableResult
    public static func prepareFromEnvironment() -> Bool {
        setlocale(LC_ALL, "")
        if sg_codeset_is_utf8() == 0 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return sg_codeset_is_utf8() != 0
    }

    /// Prepared once, lazily, for code that measures text before the UI starts; a
    /// UTF-8 locale already in place (set by the program or a test) is kept.
    static let preparedOnce: Bool = sg_codeset_is_utf8() != 0 || prepareFromEnvironment()
}
