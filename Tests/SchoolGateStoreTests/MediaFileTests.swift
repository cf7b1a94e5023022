import Foundation
import SchoolGateStore
import Testing

/// The names of the files in a store's `media/` folder come from their contents.
@Suite struct MediaFileTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR-rest".utf8)
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("JFIF-rest".utf8)

    @Test func mediaPathsComeFromTheContents() {
        let a = MediaFile.relativePath(for: Self.png, fileExtension: "PNG")
        #expect(a.hasPrefix("media/") && a.hasSuffix(".png"))
        #expect(a.count == "media/".count + 64 + ".png".count)
        #expect(a == MediaFile.relativePath(for: Self.png, fileExtension: "png"))
        #expect(a != MediaFile.relativePath(for: Self.jpeg, fileExtension: "png"))
        // The SHA-256 of the empty string, as a known answer.
        #expect(MediaFile.relativePath(for: Data(), fileExtension: "jpg")
                == "media/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.jpg")
    }
}
