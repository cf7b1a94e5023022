import Foundation
import Testing
import SchoolGate
@testable import SchoolGateTUI

/// Choosing a photo by path: the path as typed and the checks; the in-memory session keeps it.
@Suite struct PhotoFileTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR-rest".utf8)
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("JFIF-rest".utf8)

    func folder(_ files: [String: Data]) throws -> URL {
        let dir = TestSupport.temporaryDirectory()
        for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test func typedPathsAreCleanedExpandedAndMadeAbsolute() {
        let r = { PhotoFile.resolvedPath($0, currentDirectory: "/home/amy/work", home: "/home/amy") }
        #expect(r("  day1.jpg ") == "/home/amy/work/day1.jpg")
        #expect(r("~/Pictures/day1.jpg") == "/home/amy/Pictures/day1.jpg")
        #expect(r("'/media/usb/Day one.jpg'") == "/media/usb/Day one.jpg")
        #expect(r("\"/media/usb/Day one.jpg\"") == "/media/usb/Day one.jpg")
        #expect(r("/media/usb/Day\\ one.jpg") == "/media/usb/Day one.jpg")
        #expect(r("~other/x.jpg") == "/home/amy/work/~other/x.jpg")
        #expect(r("") == "")
    }

    @Test func acceptsPicturesWhoseContentsMatchTheirName() throws {
        let gif = Data("GIF89a".utf8) + Data([1, 0, 1, 0])
        let webp = Data("RIFF".utf8) + Data([0, 0, 0, 0]) + Data("WEBPVP8 ".utf8)
        let heic = Data([0, 0, 0, 24]) + Data("ftypheic".utf8) + Data([0, 0, 0, 0])
        let dir = try folder(["a.PNG": Self.png, "b.jpeg": Self.jpeg, "c.gif": gif, "d.webp": webp, "e.heic": heic])
        for (name, ext) in [("a.PNG", "png"), ("b.jpeg", "jpeg"), ("c.gif", "gif"), ("d.webp", "webp"), ("e.heic", "heic")] {
            let loaded = try PhotoFile.load(dir.appendingPathComponent(name).path).get()
            #expect(loaded.fileExtension == ext)
            #expect(!loaded.data.isEmpty)
        }
    }

    @Test func refusesClearly() throws {
        let dir = try folder(["notes.txt": Data("hello".utf8), "fake.jpg": Data("not a picture".utf8),
                              "empty.png": Data(), "named-wrong.png": Self.jpeg, "noext": Self.png])
        func problem(_ name: String) -> String {
            if case .failure(let p) = PhotoFile.load(dir.appendingPathComponent(name).path) { return p.message }
            return "accepted"
        }
        #expect(problem("missing.jpg").hasPrefix("There is no file "))
        #expect(problem("notes.txt") == "\"txt\" files are not accepted; photos must be JPEG, PNG, GIF, WebP or HEIC files.")
        #expect(problem("noext") == "noext has no file extension; photos must be JPEG, PNG, GIF, WebP or HEIC files.")
        #expect(problem("fake.jpg") == "fake.jpg is not a picture schoolgate can keep: its contents are not JPEG, PNG, GIF, WebP or HEIC.")
        #expect(problem("empty.png") == "empty.png is empty.")
        #expect(problem("named-wrong.png") == "named-wrong.png is named .png but is a JPEG picture; rename it to .jpg.")
        if case .failure(let p) = PhotoFile.load(dir.path) { #expect(p.message.contains("is a folder")) } else { Issue.record("folder accepted") }
        if case .failure(let p) = PhotoFile.load("") { #expect(p.message == "Enter the path of the photo file.") } else { Issue.record("empty path accepted") }
    }

    @Test func refusesFilesOverTwentyMegabytesWithoutReadingThem() throws {
        let dir = TestSupport.temporaryDirectory()
        let big = dir.appendingPathComponent("huge.jpg")
        #expect(FileManager.default.createFile(atPath: big.path, contents: Self.jpeg))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(21 * 1_048_576)) // sparse: nothing much is written
        try handle.close()
        guard case .failure(let p) = PhotoFile.load(big.path) else { Issue.record("a file over 20 MB was accepted"); return }
        #expect(p.message == "huge.jpg is too large (21.0 MB); photos can be at most 20 MB. Save a smaller copy and add that.")
        // Exactly at the limit is fine.
        let handle2 = try FileHandle(forWritingTo: big)
        try handle2.truncate(atOffset: UInt64(PhotoFile.maximumBytes))
        try handle2.close()
        #expect((try? PhotoFile.load(big.path).get())?.data.count == PhotoFile.maximumBytes)
    }

    @Test(.enabled(if: getuid() != 0, "root can read every file, so there is no unreadable file to refuse"))
    func unreadableFilesAreRefused() throws {
        let dir = try folder(["locked.png": Self.png])
        let path = dir.appendingPathComponent("locked.png").path
        #expect(chmod(path, 0) == 0)
        guard case .failure(let p) = PhotoFile.load(path) else { Issue.record("an unreadable file was accepted"); return }
        #expect(p.message == "\(path) cannot be read (check that you may open it).")
    }

    @Test func inMemorySessionKeepsTheBytesAndTheDomainAcceptsThePath() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: false)
        let path = try s.storeMedia(Self.png, fileExtension: "png").get()
        #expect(s.media[path] == Self.png)
        #expect(try s.storeMedia(Self.png, fileExtension: "png").get() == path) // same bytes, same name
        let outcome = s.submit(.saveContent(site: DemoSchool.paris, .photo(Photo(id: 0, caption: "Day one", file: path))))
        guard case .success(.created(let id)) = outcome else { Issue.record("refused: \(outcome)"); return }
        #expect(s.state.sites[DemoSchool.paris]?.photos.first { $0.id == id }?.file == path)
        s.mediaFailure = "the disk is full"
        #expect(s.storeMedia(Self.jpeg, fileExtension: "jpg") == .failure(.store("the disk is full")))
    }
}
