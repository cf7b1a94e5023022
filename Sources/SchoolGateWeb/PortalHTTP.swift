import Foundation

/// A request as the portal's logic sees it, whatever server carried it.
public struct PortalRequest: Sendable {
    public var method: String
    /// The path, percent-decoded, without the query.
    public var path: String
    public var query: [String: String]
    /// Header names in lower case.
    public var headers: [String: String]
    public var cookies: [String: String]
    /// The fields of a `application/x-www-form-urlencoded` body.
    public var form: [String: String]
    /// The client's address (for throttles; never logged with anything secret).
    public var client: String

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                cookies: [String: String] = [:], form: [String: String] = [:], client: String = "127.0.0.1") {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.cookies = cookies
        self.form = form
        self.client = client
    }
}

/// What the portal answers.
public struct PortalResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func redirect(_ location: String, cookies: [String] = []) -> PortalResponse {
        PortalResponse(status: 303, headers: [("Location", location)] + cookies.map { ("Set-Cookie", $0) })
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// Reads `a=1&b=two+words` (form bodies and queries): percent-decoded, `+` as a space;
/// malformed escapes and invalid UTF-8 make the field unreadable rather than crash. The first
/// of a repeated name wins; at most 50 fields.
enum FormDecoding {
    static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true).prefix(50) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), result[name] == nil else { continue }
            result[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return result
    }

    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
