import Foundation
import Testing

@testable import SchoolGateStore

@Suite("Record and snapshot codecs")
struct CodecTests {
    static let payload = Data(#"{"id":"0123456789abcdef","files":[],"records":[{"key":"a","kind":"note","number":7}]}"#.utf8)

    func parse(_ bytes: [UInt8]) -> JournalCodec.Parsed {
        bytes.withUnsafeBytes { JournalCodec.parse($0, at: 0) }
    }

    @Test("an entry round-trips, and its text is one readable line")
    func roundTrip() throws {
        let entry = JournalCodec.encode(sequence: 42, payload: Self.payload)
        let text = String(decoding: entry, as: UTF8.self)
        #expect(text.hasPrefix("C 000000000042 \(String(format: "%010d", Self.payload.count)) "))
        #expect(text.hasSuffix(String(decoding: Self.payload, as: UTF8.self) + "\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        let parsed = parse(Array(entry))
        guard case .entry(let sequence, let range, let end) = parsed else {
            Issue.record("not parsed: \(parsed)")
            return
        }
        #expect(sequence == 42)
        #expect(end == entry.count)
        #expect(entry[range] == Self.payload)
    }

    @Test("two entries in a row parse one after the other")
    func consecutive() {
        let first = JournalCodec.encode(sequence: 1, payload: Data("{}".utf8))
        let second = JournalCodec.encode(sequence: 2, payload: Self.payload)
        let bytes = Array(first + second)
        let parsed = bytes.withUnsafeBytes { JournalCodec.parse($0, at: first.count) }
        guard case .entry(2, _, let end) = parsed else {
            Issue.record("not parsed: \(parsed)")
            return
        }
        #expect(end == bytes.count)
    }

    @Test("every single-byte change anywhere in an entry is detected")
    func everyFlipDetected() {
        let entry = Array(JournalCodec.encode(sequence: 7, payload: Self.payload))
        var detected = 0
        for index in entry.indices {
            for mask: UInt8 in [0x01, 0x20, 0x80, 0xFF] {
                var damaged = entry
                damaged[index] ^= mask
                switch parse(damaged) {
                case .entry: Issue.record("a change of byte \(index) (mask \(mask)) was not detected")
                case .incomplete, .corrupt: detected += 1
                }
            }
        }
        #expect(detected == entry.count * 4)
    }

    @Test("every truncation of an entry is reported as incomplete")
    func everyTruncationIncomplete() {
        let entry = Array(JournalCodec.encode(sequence: 7, payload: Self.payload))
        for length in 0..<entry.count {
            let parsed = parse(Array(entry.prefix(length)))
            guard case .incomplete = parsed else {
                Issue.record("truncation to \(length) bytes gave \(parsed)")
                continue
            }
        }
    }

    @Test("a missing line break, an impossible length and a bad header are corrupt")
    func structuralDamage() {
        var entry = Array(JournalCodec.encode(sequence: 7, payload: Self.payload))
        entry[entry.count - 1] = UInt8(ascii: " ")
        #expect(parse(entry) == .corrupt("the record does not end with a line break"))

        var huge = Array(JournalCodec.encode(sequence: 7, payload: Self.payload))
        huge.replaceSubrange(15..<25, with: Array("9999999999".utf8))
        guard case .corrupt = parse(huge) else {
            Issue.record("an impossible length was not refused")
            return
        }
        var header = Array(JournalCodec.encode(sequence: 7, payload: Self.payload))
        header[0] = UInt8(ascii: "X")
        #expect(parse(header) == .corrupt("the record header is not valid"))
    }

    @Test("a valid entry after damage is found, so damage is not mistaken for a torn tail")
    func validEntryAfterDamage() {
        var first = Array(JournalCodec.encode(sequence: 1, payload: Self.payload))
        first[60] ^= 0x01
        let second = Array(JournalCodec.encode(sequence: 2, payload: Self.payload))
        let withFollower = first + second
        #expect(withFollower.withUnsafeBytes { JournalCodec.validEntryExists($0, after: 0) })
        #expect(!first.withUnsafeBytes { JournalCodec.validEntryExists($0, after: 0) })
    }

    @Test("a snapshot round-trips and every byte change is detected")
    func snapshotRoundTripAndDamage() throws {
        let header = SnapshotCodec.Header(
            commit: 12, records: 30, lastEntryOffset: 1200, journalOffset: 1350, journalHash: Array(repeating: 0xAB, count: 32))
        let state = Data(#"{"seats":3}"#.utf8)
        let file = SnapshotCodec.encode(header, state: state)
        #expect(file.count == SnapshotCodec.headerSize + state.count)
        let (decoded, range) = try SnapshotCodec.decode(file)
        #expect(decoded == header)
        #expect(file[range] == state)
        var bytes = Array(file)
        for index in bytes.indices {
            bytes[index] ^= 0x04
            #expect(throws: SnapshotDamage.self, "byte \(index)") { try SnapshotCodec.decode(Data(bytes)) }
            bytes[index] ^= 0x04
        }
        for length in [0, 10, SnapshotCodec.headerSize - 1, file.count - 1] {
            #expect(throws: SnapshotDamage.self) { try SnapshotCodec.decode(file.prefix(length)) }
        }
    }

    @Test("staged file paths: only outbox/new, outbox/cur and media, with plain names")
    func stagedPaths() {
        #expect(StagedFile.problem(with: "outbox/new/123.eml") == nil)
        #expect(StagedFile.problem(with: "outbox/cur/1:2,S") == nil)
        #expect(StagedFile.problem(with: "media/abc.jpg") == nil)
        for bad in ["outbox/tmp/x", "../x", "outbox/new/../../x", "journal-v1.log", "media/.hidden", "outbox/new/",
            "media/a/b", "outbox/new/a b", "/etc/passwd", "media/" + String(repeating: "a", count: 201)]
        {
            #expect(StagedFile.problem(with: bad) != nil, "\(bad) was accepted")
        }
    }

    func elements(_ json: String, _ key: String = "records") -> [String]? {
        let bytes = Array(json.utf8)
        return bytes.withUnsafeBytes { raw in
            JSONArrayElements.ranges(ofArray: key, in: raw, within: 0..<raw.count)?.map {
                String(decoding: bytes[$0], as: UTF8.self)
            }
        }
    }

    @Test("the records of an entry are found one by one without decoding them")
    func arrayElements() {
        #expect(elements(String(decoding: Self.payload, as: UTF8.self)) == [#"{"key":"a","kind":"note","number":7}"#])
        let tricky = #"{"id":"x","files":["a\"],b]"],"records":[ {"s":"}],\"{["} , [1,[2]], "x,y" ,7,null,{} ]}"#
        #expect(elements(tricky) == [#"{"s":"}],\"{["}"#, "[1,[2]]", #""x,y""#, "7", "null", "{}"])
        #expect(elements(#"{"records":[]}"#) == [])
        #expect(elements(#"{ "records" : [ 1 ] }"#) == ["1"])
    }

    @Test("anything a decoder could read differently is left to the decoder")
    func arrayElementsAmbiguous() {
        #expect(elements(#"{"records":[1],"records":[2]}"#) == nil)
        #expect(elements(#"{"rec\u006frds":[1]}"#) == nil)
        #expect(elements(#"{"x\"y":1,"records":[1]}"#) == nil)
        let bytes = Array(#"{"id":"a","records":[1]}"#.utf8)
        let withoutFiles = bytes.withUnsafeBytes {
            JSONArrayElements.ranges(ofArray: "records", in: $0, within: 0..<$0.count, required: ["id", "files"])
        }
        #expect(withoutFiles == nil)
        let payload = Array(Self.payload)
        let complete = payload.withUnsafeBytes {
            JSONArrayElements.ranges(ofArray: "records", in: $0, within: 0..<$0.count, required: ["id", "files"])
        }
        #expect(complete?.count == 1)
    }

    @Test("bytes that are not an object with that array give nil, never a crash")
    func arrayElementsRefused() {
        for bad in ["", "[", "{", #"{"records":"#, #"{"records":[1,"#, #"{"records":[1 2]}"#, #"{"records":{}}"#,
                    #"{"other":[1]}"#, #"{"records":["unterminated]}"#, #"{"id":"x" "records":[1]}"#, "\u{0}"] {
            #expect(elements(bad) == nil, "\(bad)")
        }
        // Every truncation of a valid payload is refused or gives a shorter, well-formed list.
        let text = String(decoding: Self.payload, as: UTF8.self)
        for cut in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8).prefix(cut), as: UTF8.self)
            #expect(elements(prefix) == nil, "cut at \(cut)")
        }
    }
}
