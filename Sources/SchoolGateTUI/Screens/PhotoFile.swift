import Foundation

/// A photo file chosen by path in the UI: the path as typed made usable and the checks a
/// school office would expect (the file exists and is readable, is a picture of a kind
/// schoolgate keeps, is not too large). Nothing is stored here; `SchoolSession.storeMedia`
/// keeps the bytes, under the name `MediaFile` gives them.
public enum PhotoFile {
    /// The picture kinds accepted, by file extension (lower case).
    public static let acceptedExtensions = ["jpg", "jpeg", "png", "gif", "webp", "heic"]

    /// The largest file accepted: 20 MB.
    public static let maximumBytes = 20 * 1024 * 1024

    /// A checked photo: its bytes and the lower-case extension to keep it under.
    public struct Loaded: Sendable, Equatable {
        public var data: Data
        public var fileExtension: String
    }

    /// Why a file cannot be used; `message` is for the person who typed the path.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// The path as typed, made usable: surrounding blanks and quotes removed (terminals
    /// add quotes when a file is dragged in), `\ ` turned into a space, `~` expanded
    /// with `home`, and a relative path taken from `currentDirectory`.
    public static func resolvedPath(_ typed: String, currentDirectory: String, home: String?) -> String {
        var path = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        if path.count >= 2, let first = path.first, let last = path.last, first == last, first == "'" || first == "\"" {
            path = String(path.dropFirst().dropLast())
        }
        if path.contains("\\") {
            var out = ""
            var escaping = false
            for c in path {
                if escaping { out.append(c); escaping = false } else if c == "\\" { escaping = true } else { out.append(c) }
            }
            if escaping { out.append("\\") }
            path = out
        }
        if let home, path == "~" || path.hasPrefix("~/") {
            path = home + path.dropFirst()
        }
        if !path.isEmpty && !path.hasPrefix("/") {
            path = (currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/") + path
        }
        return path
    }

    /// Reads and checks the file at `path` (already resolved).
    public static func load(_ path: String, fileManager: FileManager = .default) -> Result<Loaded, Problem> {
        guard !path.isEmpty else { return .failure(Problem("Enter the path of the photo file.")) }
        let name = (path as NSString).lastPathComponent
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .failure(Problem("There is no file \(path). Check the folder and the spelling."))
        }
        guard !isFolder.boolValue else { return .failure(Problem("\(path) is a folder; give the path of one photo file.")) }
        let ext = (name as NSString).pathExtension.lowercased()
        guard acceptedExtensions.contains(ext) else {
            let what = ext.isEmpty ? "\(name) has no file extension" : "\"\(ext)\" files are not accepted"
            return .failure(Problem("\(what); photos must be \(acceptedList) files."))
        }
        if let size = (try? fileManager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > maximumBytes {
            return .failure(tooLarge(name, size.intValue))
        }
        guard let data = fileManager.contents(atPath: path) else {
            return .failure(Problem("\(path) cannot be read (check that you may open it)."))
        }
        guard data.count <= maximumBytes else {
            return .failure(tooLarge(name, data.count))
        }
        guard !data.isEmpty else { return .failure(Problem("\(name) is empty.")) }
        guard let kind = kind(of: data) else {
            return .failure(Problem("\(name) is not a picture schoolgate can keep: its contents are not \(acceptedList)."))
        }
        guard kind.extensions.contains(ext) else {
            return .failure(Problem("\(name) is named .\(ext) but is a \(kind.name) picture; rename it to .\(kind.extensions[0])."))
        }
        return .success(Loaded(data: data, fileExtension: ext))
    }

    /// "JPEG, PNG, GIF, WebP or HEIC".
    static let acceptedList = "JPEG, PNG, GIF, WebP or HEIC"

    /// The picture kind the bytes start like, with its extensions (the usual one first).
    static func kind(of data: Data) -> (name: String, extensions: [String])? {
        let b = [UInt8](data.prefix(16))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return ("JPEG", ["jpg", "jpeg"]) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return ("PNG", ["png"]) }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return ("GIF", ["gif"]) }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return ("WebP", ["webp"]) }
        if starts(Array("ftyp".utf8), at: 4), b.count >= 12,
           ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].contains(String(decoding: b[8..<12], as: UTF8.self)) {
            return ("HEIC", ["heic"])
        }
        return nil
    }

    private static func tooLarge(_ name: String, _ bytes: Int) -> Problem {
        Problem("\(name) is too large (\(megabytes(bytes))); photos can be at most \(limitText). Save a smaller copy and add that.")
    }

    /// "20 MB": the limit in words.
    static var limitText: String { "\(maximumBytes / 1_048_576) MB" }

    /// "3.4 MB".
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}
