#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import SchoolGateTUI

extension TerminalLocale {
    /// Pins the whole locale to `C.UTF-8` (tests, golden screens and the benchmarks), so
    /// text measures the same on every machine. Returns whether text is UTF-8 afterwards.
    @discardableResult
    public static func pinForTests() -> Bool {
        setlocale(LC_ALL, "C.UTF-8")
        return sg_codeset_is_utf8() != 0
    }
}
