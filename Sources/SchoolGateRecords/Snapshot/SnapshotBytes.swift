import Foundation
import SchoolGate

/// Builds the bytes of a binary snapshot: unsigned LEB128 numbers, length-prefixed UTF-8
/// strings, dates as the bit pattern of their `timeIntervalSinceReferenceDate` (so they
/// come back exactly). See `SchoolState.snapshotBytes()`.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// Bytes as they are (the magic at the start).
    mutating func magic(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed whole number, zig-zag encoded (small negatives stay small).
    mutating func int(_ value: Int) {
        let v = Int64(value)
        unsigned(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var s = value
        s.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func date(_ value: Date) {
        let bits = value.timeIntervalSinceReferenceDate.bitPattern
        withUnsafeBytes(of: bits.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func count(_ n: Int) { unsigned(UInt64(n)) }

    /// A presence byte, then the value when there is one.
    mutating func optional<T>(_ value: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        write(&self, value)
    }

    mutating func array<T>(_ values: [T], _ write: (inout SnapshotWriter, T) -> Void) {
        count(values.count)
        for v in values { write(&self, v) }
    }
}

/// Why a binary snapshot could not be read.
struct SnapshotFormatError: Error, CustomStringConvertible {
    var description: String
}

/// Reads what ``SnapshotWriter`` wrote. Every read is bounds-checked: damaged bytes give
/// a ``SnapshotFormatError``, never a crash.
struct SnapshotReader {
    private let base: UnsafeRawBufferPointer
    private(set) var offset: Int
    /// The snapshot version being read (the digit of its magic): fields added by a later
    /// version are read only from snapshots of that version, and take their defaults otherwise.
    let version: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0, version: Int = 2) {
        self.base = base
        self.offset = offset
        self.version = version
    }

    var isAtEnd: Bool { offset == base.count }

    func fail(_ what: String) -> SnapshotFormatError {
        SnapshotFormatError(description: "\(what) at byte \(offset)")
    }

    mutating func byte() throws(SnapshotFormatError) -> UInt8 {
        guard offset < base.count else { throw fail("the snapshot ends early") }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func unsigned() throws(SnapshotFormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("a number is too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(SnapshotFormatError) -> Int {
        let u = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func bool() throws(SnapshotFormatError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw fail("a yes/no value is neither")
        }
    }

    /// A count of items that each take at least one byte (so a damaged count cannot ask
    /// for more room than the snapshot has).
    mutating func count() throws(SnapshotFormatError) -> Int {
        let n = try unsigned()
        guard n <= UInt64(base.count - offset) else { throw fail("a count is larger than the snapshot") }
        return Int(n)
    }

    mutating func string() throws(SnapshotFormatError) -> String {
        let n = try count()
        let start = offset
        offset += n
        // The snapshot's checksum was verified before decoding; invalid UTF-8 (impossible
        // unless the writer was wrong) would be repaired, never crash.
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[start..<start + n]), as: UTF8.self)
    }

    mutating func date() throws(SnapshotFormatError) -> Date {
        guard base.count - offset >= 8 else { throw fail("the snapshot ends early") }
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: base[offset..<offset + 8])) }
        offset += 8
        // Not a number (never equal to itself, and Foundation crashes describing it) or
        // infinite: no clock or calendar gives these, so the bytes are damaged.
        let seconds = Double(bitPattern: UInt64(littleEndian: bits))
        guard seconds.isFinite else { throw fail("a date that is not a time") }
        return Date(timeIntervalSinceReferenceDate: seconds)
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws(SnapshotFormatError) -> T)
        throws(SnapshotFormatError) -> T?
    {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout SnapshotReader) throws(SnapshotFormatError) -> T)
        throws(SnapshotFormatError) -> [T]
    {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    /// A string naming a case of a string-backed enum.
    mutating func raw<E: RawRepresentable>(_ type: E.Type) throws(SnapshotFormatError) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else { throw fail("\"\(text)\" is not a known \(E.self)") }
        return value
    }
}
