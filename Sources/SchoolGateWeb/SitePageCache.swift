import Foundation
import SchoolGate

/// Site pages as rendered, kept while the school is unchanged: when every parent on a trip
/// opens its page within minutes, the page is rendered once rather than for each of them.
///
/// A page is kept for one commit of the store (the first request after any commit, by staff
/// or by the portal, renders afresh) and one day of the school's calendar (a calendar page
/// lists the next 90 days from today). Whether the parent may see the site is asked of the
/// domain on every request, before the cache is looked at; the one part of the page that is
/// the parent's own, the sign-out form's token, is put in on each answer.
final class SitePageCache: @unchecked Sendable {
    /// What makes two parents' pages the same.
    struct Key: Hashable {
        var site: SiteID
        /// The "you can see this page …" text (until when this parent's access lasts).
        var until: String
        var day: LocalDate
    }

    /// A page in two parts, around its form token.
    struct Page {
        var head: Data
        var tail: Data

        func body(token: String) -> Data {
            var body = Data(capacity: head.count + token.utf8.count + tail.count)
            body.append(head)
            body.append(contentsOf: token.utf8)
            body.append(tail)
            return body
        }
    }

    /// Rendered in place of the form token, then cut out: letters and digits only, so that
    /// HTML escaping leaves it as it is, and random, so that no site's text can hold it.
    let hole: String
    /// The most pages kept (a school's sites, each for a few different access ends).
    let limit: Int
    /// The most bytes of pages kept (a busy calendar's page is tens of kilobytes).
    let byteLimit: Int
    private let lock = NSLock()
    private var commits: UInt64?
    private var pages: [Key: Page] = [:]
    private var bytes = 0

    init(limit: Int = 1_000, byteLimit: Int = 32 << 20) {
        var random = SystemRandomNumberGenerator()
        hole = "sgtoken" + (0..<4).map { _ in String(random.next(), radix: 16) }.joined()
        self.limit = limit
        self.byteLimit = byteLimit
    }

    /// The page kept for `key` with the store at `commits`, if any.
    func page(_ key: Key, commits: UInt64) -> Page? {
        lock.withLock { self.commits == commits ? pages[key] : nil }
    }

    /// Keeps `html` (rendered with ``hole`` as its form token) for `key`; returns it in its
    /// two parts, or nil when the token is not in it exactly once (it is then not kept).
    func keep(_ html: Data, for key: Key, commits: UInt64) -> Page? {
        let hole = Data(self.hole.utf8)
        guard let at = html.range(of: hole), html.range(of: hole, in: at.upperBound..<html.endIndex) == nil else { return nil }
        let page = Page(head: html.subdata(in: html.startIndex..<at.lowerBound), tail: html.subdata(in: at.upperBound..<html.endIndex))
        lock.withLock {
            if self.commits != commits {
                // Pages of an older store are dropped; a request still answering from an
                // older state does not replace those of a newer one.
                if let kept = self.commits, kept > commits { return }
                self.commits = commits
                forgetAll()
            }
            let size = page.head.count + page.tail.count
            if pages.count >= limit || bytes + size > byteLimit { forgetAll() }
            if let old = pages.updateValue(page, forKey: key) { bytes -= old.head.count + old.tail.count }
            bytes += size
        }
        return page
    }

    private func forgetAll() {
        pages.removeAll(keepingCapacity: true)
        bytes = 0
    }

    /// How many pages are kept, and their bytes (for tests).
    var count: Int { lock.withLock { pages.count } }
    var keptBytes: Int { lock.withLock { bytes } }
}
