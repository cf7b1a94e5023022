import Foundation
import SchoolGateFuzzing

// libFuzzer's entry points for scripts/fuzz.sh. One binary serves every target; the
// environment variable SCHOOLGATE_FUZZ_TARGET (journal, theme, keys, parents, ics, snapshot, portal)
// chooses which parser each input goes to.

nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    let name = ProcessInfo.processInfo.environment["SCHOOLGATE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set SCHOOLGATE_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selected, let data, size <= FuzzTarget.maximumInput else { return 0 }
    target.run(Data(bytes: data, count: size))
    return 0
}
