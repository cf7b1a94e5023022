import Foundation
import SchoolGateWeb

/// The fuzz entry for the parents' portal's request reading and form decoding.
///
/// The input is read as an HTTP/1.1 request in text (the first line `METHOD TARGET …`, then
/// `Name: value` lines, an empty line, the body), split here as simply as possible — NIO's
/// HTTP parser, which does this in the server, is fuzzed by its own project — and handed to
/// ``PortalRequestReading/request(method:path:query:headers:authority:body:peer:trustProxy:)``,
/// the function the server calls for every request, and to the log line. The first byte's
/// lowest bit says whether the proxy is trusted.
enum PortalFuzz {
    static func run(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        guard let first = bytes.first else { return 0 }
        let trustProxy = first & 1 == 1
        let text = String(decoding: bytes, as: UTF8.self)
        let (head, body) = split(text)
        // CR LF is one Character in Swift, so splitting at "\n" alone would leave a CRLF
        // request in one line: its headers would never reach the reader.
        var lines = head.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard !lines.isEmpty else { return 0 }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count >= 2 else { return 0 }
        let method = String(requestLine[0]), target = String(requestLine[1])
        // At the first `?` scalar, as the server's URI parser splits bytes (a Character
        // could join the `?` with a combining mark after it).
        let scalars = target.unicodeScalars
        let path = String(String.UnicodeScalarView(scalars.prefix { $0 != "?" }))
        let query = scalars.firstIndex(of: "?").map { String(String.UnicodeScalarView(scalars[scalars.index(after: $0)...])) }
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let bodyBytes = method == "POST" ? Array(body.utf8) : nil

        let line = PortalServer.logLine(time: Date(timeIntervalSince1970: 0), client: "192.0.2.1", method: method,
                                        target: target, status: 200, ms: 1)
        invariant(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "a control character in a log line")
        invariant(line.utf8.count <= 300, "a log line of \(line.utf8.count) bytes")
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        invariant(fields.count == 7, "a log line that is not seven fields: \(line)")
        invariant(fields.count < 4 || !fields[3].contains("?"), "a query string in a log line: \(line)")

        let request: PortalRequest
        do throws(PortalBadRequest) {
            request = try PortalRequestReading.request(method: method, path: path, query: query, headers: headers,
                                                       authority: "portal.example", body: bodyBytes, peer: "192.0.2.1",
                                                       trustProxy: trustProxy)
        } catch {
            invariant([400, 413, 415].contains(error.status) && !error.title.isEmpty && !error.text.isEmpty,
                      "a refusal without a status or words: \(error)")
            return 0
        }
        invariant(request.path.hasPrefix("/"), "a path that does not start with /: \(request.path)")
        invariant(request.path.utf8.count <= PortalRequestReading.maxPath, "a path of \(request.path.utf8.count) bytes")
        invariant(!request.path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "a control character in a path")
        invariant(request.cookies.count <= PortalRequestReading.maxCookies, "\(request.cookies.count) cookies")
        invariant(request.form.count <= 50 && request.query.count <= 50, "more than 50 fields")
        invariant(request.headers.values.allSatisfy { $0.count <= PortalRequestReading.maxHeader }, "a header over the limit")
        invariant(request.headers.keys.allSatisfy { $0 == $0.lowercased() }, "a header name not in lower case")
        invariant(request.client == "192.0.2.1"
                      || trustProxy && request.client.utf8.allSatisfy { $0 < 0x80 && (Character(Unicode.Scalar($0)).isHexDigit || $0 == 0x2E || $0 == 0x3A) },
                  "a client address from an untrusted or malformed X-Forwarded-For: \(request.client)")
        // The log line as the server writes it, with the client address read from the request.
        let logged = PortalServer.logLine(time: Date(timeIntervalSince1970: 0), client: request.client, method: method,
                                          target: target, status: 200, ms: 1)
        invariant(logged.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "…" },
                  "a log line with a byte outside printable ASCII: \(logged)")
        if bodyBytes == nil { invariant(request.form.isEmpty, "a form read from a request without a body") }
        // Decoding a form twice gives the same fields (no state, no order dependence).
        invariant(FormDecoding.fields(body) == FormDecoding.fields(body), "form decoding is not repeatable")
        return 1 + request.form.count + request.query.count + request.cookies.count
    }

    /// Head and body, split at the first empty line (CRLF or LF).
    static func split(_ text: String) -> (Substring, String) {
        if let r = text.range(of: "\r\n\r\n") { return (text[..<r.lowerBound], String(text[r.upperBound...])) }
        if let r = text.range(of: "\n\n") { return (text[..<r.lowerBound], String(text[r.upperBound...])) }
        return (text[...], "")
    }
}
