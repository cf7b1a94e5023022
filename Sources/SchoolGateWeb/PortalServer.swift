import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// The portal's web server: Hummingbird carrying each request to ``Portal/handle(_:)``.
/// Bodies are limited to 16 KiB (the portal's forms are small), idle connections close
/// after 30 s, and SIGTERM or SIGINT stop it after the requests in flight.
public enum PortalServer {
    /// The most a request body may hold.
    static let maxBody = 16 * 1024

    /// A request's context: the client's address as the socket saw it.
    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        let peer: String

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
        }

        var maxUploadSize: Int { PortalServer.maxBody }
    }

    struct Responder: HTTPResponder {
        let portal: Portal

        func respond(to request: Request, context: Context) async throws -> Response {
            let started = DispatchTime.now()
            var answer: PortalResponse
            do {
                answer = portal.handle(try await PortalServer.translate(request, context, trustProxy: portal.options.trustProxy))
            } catch let refused as PortalServer.BadRequest {
                answer = portal.refuse(status: refused.status, title: refused.title, text: refused.text)
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            portal.options.log(PortalServer.logLine(request, status: answer.status, ms: ms))
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            fields[.contentLength] = String(answer.body.count)
            let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
            return Response(status: .init(code: answer.status), headers: fields, body: body)
        }
    }

    /// Why a request is refused before the portal sees it.
    struct BadRequest: Error {
        var status: Int
        var title: String
        var text: String
    }

    /// The request as the portal sees it; refuses what no page of the portal could take.
    static func translate(_ request: Request, _ context: Context, trustProxy: Bool) async throws -> PortalRequest {
        guard let path = request.uri.path.removingPercentEncoding, path.hasPrefix("/"), path.utf8.count <= 2048,
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw BadRequest(status: 400, title: "This address is not valid", text: "Check the address, or start again from the home page.")
        }
        var headers: [String: String] = [:]
        for field in request.headers where headers[field.name.canonicalName] == nil {
            headers[field.name.canonicalName] = String(field.value.prefix(4096))
        }
        // HTTP/1.1's Host header arrives as the request's authority (HTTP/2's :authority).
        if headers["host"] == nil, let authority = request.head.authority {
            headers["host"] = String(authority.prefix(4096))
        }
        var cookies: [String: String] = [:]
        for part in (headers["cookie"] ?? "").split(separator: ";").prefix(50) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        var form: [String: String] = [:]
        if request.method == .post {
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: maxBody)
            } catch {
                throw BadRequest(status: 413, title: "Too much was sent", text: "The portal's forms are short; this was far longer. Please try again.")
            }
            let type = headers["content-type"]?.lowercased() ?? ""
            guard type.hasPrefix("application/x-www-form-urlencoded") else {
                throw BadRequest(status: 415, title: "Not a form", text: "Please use the portal's own pages.")
            }
            form = FormDecoding.fields(String(decoding: buffer.readableBytesView, as: UTF8.self))
        }
        var client = context.peer
        if trustProxy, let forwarded = headers["x-forwarded-for"]?.split(separator: ",").last {
            client = forwarded.trimmingCharacters(in: .whitespaces)
        }
        return PortalRequest(method: request.method.rawValue, path: path,
                             query: FormDecoding.fields(request.uri.query ?? ""), headers: headers, cookies: cookies,
                             form: form, client: client)
    }

    /// The log's time stamps (one formatter, not one per request).
    nonisolated(unsafe) static let logTime = ISO8601DateFormatter()

    /// One line per request: no query strings, cookies, codes or feed secrets.
    static func logLine(_ request: Request, status: Int, ms: Double) -> String {
        var path = request.uri.path
        if path.hasPrefix("/feed/") { path = "/feed/…" }
        if path.utf8.count > 200 { path = String(path.prefix(200)) + "…" }
        let time = logTime.string(from: Date())
        return "\(time) \(request.method.rawValue) \(path) \(status) \(String(format: "%.1f", ms)) ms"
    }

    /// Serves until SIGTERM or SIGINT. `ready` is called with the port once listening
    /// (useful with port 0, which picks a free one).
    public static func run(_ portal: Portal, ready: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "schoolgate-portal")
        logger.logLevel = .warning
        let app = Application(
            responder: Responder(portal: portal),
            server: HTTPServerBuilder { responder in
                ClosingHTTP10Channel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: .seconds(30))))
            },
            configuration: .init(address: .hostname(portal.options.host, port: portal.options.port), serverName: nil),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? portal.options.port) },
            logger: logger
        )
        let stopped = StopFlag()
        let delivery = Task { await portal.mail.deliverOutbox { stopped.isSet } }
        defer {
            stopped.set()
        }
        try await app.runService()
        stopped.set()
        await delivery.value
    }
}

/// Hummingbird's HTTP/1 channel, which closes the connection after the answer to an HTTP/1.0
/// request that did not ask to keep it open. Text browsers (lynx, w3m) and many scripts speak
/// HTTP/1.0 and read an answer until the connection closes; Hummingbird 2.28 closes only on
/// `Connection: close`, so each of their pages waited for the 30 s idle timeout.
struct ClosingHTTP10Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(ConnectionCloseForHTTP10(), position: .after(decoder.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

/// Marks a request that is not keep-alive (HTTP/1.0 without `Connection: keep-alive`, or
/// `Connection: close`) with exactly `Connection: close`, which Hummingbird honours.
final class ConnectionCloseForHTTP10: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "Connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}

/// A flag set once, read from any thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

extension Portal {
    /// A plain page for a request refused before it reached a page.
    func refuse(status: Int, title: String, text: String) -> PortalResponse {
        let state = school.state
        return secured(pages.message(status: status, schoolName: state.tenant?.schoolName ?? "", title: title, text: text),
                       state: state)
    }
}
