import Foundation
import Mustache

/// The portal's pages, rendered from the Mustache templates in `Templates/` (HTML-escaped
/// by default: store text never reaches a page raw).
struct Pages: Sendable {
    let library: MustacheLibrary
    let css: Data

    /// Reads every `*.mustache` in `folder` and the stylesheet beside it in `../Static`.
    init(folder: URL) throws {
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        css = try Data(contentsOf: folder.deletingLastPathComponent().appendingPathComponent("Static/style.css"))
    }

    /// The folder of the templates that ship with the program.
    static var bundled: URL? { PortalTemplates.bundled }

    func render(_ template: String, status: Int, _ values: [String: Any]) -> PortalResponse {
        let html = library.render(values.compactMapValues(Self.withoutEmptyTexts), withTemplate: template)
            ?? "<!doctype html><title>Error</title><p>Page missing.</p>"
        return Self.html(status: status, Data(html.utf8))
    }

    /// An HTML page's answer.
    static func html(status: Int, _ body: Data) -> PortalResponse {
        PortalResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: body)
    }

    /// `value` with its empty texts left out, however deep. swift-mustache renders a section
    /// for any string, even an empty one, so `{{#tel}}<a href="{{tel}}">…{{/tel}}` drew an
    /// empty link for a contact without a phone number, and `{{#place}} – {{place}}{{/place}}`
    /// a dangling dash; without them a section of an empty text renders nothing, and its
    /// inverted section (`{{^title}}`) renders.
    static func withoutEmptyTexts(_ value: Any) -> Any? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let values as [String: Any]: values.compactMapValues(withoutEmptyTexts)
        case let list as [Any]: list.compactMap(withoutEmptyTexts)
        default: value
        }
    }

    func message(status: Int, schoolName: String, title: String, text: String) -> PortalResponse {
        render("message", status: status, ["school": schoolName, "title": title, "text": text])
    }

    func stylesheet() -> PortalResponse {
        PortalResponse(status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "public, max-age=3600")],
                       body: css)
    }
}

/// Where the portal's templates are.
public enum PortalTemplates {
    /// The templates that ship with the program (its resource bundle).
    public static var bundled: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }
}
