import Crypto
import Foundation

/// How the files of a store's `media/` folder are named: by the SHA-256 of their
/// contents, so that the same bytes are kept once and a file can be checked against its
/// name. The store (``Store/storeMedia(_:extension:)``), the demo school and the test
/// doubles all name media files here.
public enum MediaFile {
    /// The name `data` is kept under in `media/`: `<SHA-256 in lower-case hex>.<extension>`
    /// (the extension in lower case).
    public static func name(for data: Data, fileExtension: String) -> String {
        contentHash(data) + "." + fileExtension.lowercased()
    }

    /// The path, relative to the store folder, that `data` is kept under:
    /// `media/<SHA-256 in hex>.<extension>` — what a photo records.
    public static func relativePath(for data: Data, fileExtension: String) -> String {
        StoreLayout.mediaName + "/" + name(for: data, fileExtension: fileExtension)
    }

    /// The SHA-256 of `data` in lower-case hex: the part of a media name before the dot.
    static func contentHash(_ data: Data) -> String {
        String(decoding: ASCII.hex(SHA256.hash(data: data)), as: UTF8.self)
    }

    /// True for a name made by ``name(for:fileExtension:)``: 64 hex digits, a dot, an extension.
    static func isContentAddressed(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].utf8.count == 64 && parts[0].utf8.allSatisfy(ASCII.isHexDigit)
    }
}
