import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import SchoolGate

/// The portal's web server: Hummingbird carrying each request to ``Portal/handle(_:)``.
/// Bodies are limited to 16 KiB (the portal's forms are small); a connection closes when
/// no complete request head arrives for 30 s (``PortalOptions/idleTimeout``) or a body is
/// not in within as long of its head; SIGTERM or SIGINT stop it after the requests in flight.
public enum PortalServer {
    /// The most a request body may hold.
    static let maxBody = PortalRequestReading.maxBody

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
            let trustProxy = portal.options.trustProxy
            var answer: PortalResponse
            do {
                let asked = try await PortalServer.translate(request, context, trustProxy: trustProxy)
                if asked.method == "POST" {
                    // A form commits (fsync) and may run the mail command: on a thread that may
                    // wait, not on the event loop that reads and writes other parents' pages.
                    answer = try await NIOThreadPool.singleton.runIfActive { portal.handle(asked) }
                } else {
                    answer = portal.handle(asked)
                }
            } catch let refused as PortalBadRequest {
                answer = portal.refuse(status: refused.status, title: refused.title, text: refused.text)
            } catch {
                // The pool of waiting threads is shut down: the server is stopping.
                answer = portal.refuse(status: 503, title: "The parents' pages are restarting",
                                       text: "Please try again in a minute.")
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            let client = PortalRequestReading.client(peer: context.peer, forwardedFor: request.headers[values: forwardedFor],
                                                     trustProxy: trustProxy)
            portal.options.log(PortalServer.logLine(time: Date(), client: client, method: request.method.rawValue,
                                                    target: request.uri.string, status: answer.status, ms: ms))
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            fields[.contentLength] = String(answer.body.count)
            let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
            return Response(status: .init(code: answer.status), headers: fields, body: body)
        }
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The request as the portal sees it; refuses what no page of the portal could take.
    static func translate(_ request: Request, _ context: Context, trustProxy: Bool) async throws -> PortalRequest {
        var body: [UInt8]?
        if request.method == .post {
            do {
                body = Array(try await request.body.collect(upTo: maxBody).readableBytesView)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw PortalBadRequest.tooLarge
            } catch {
                // The connection ended, or the body did not arrive in time (RequestDeadline).
                throw PortalBadRequest(status: 408, title: "The request was not finished",
                                       text: "The page was not sent in full. Please try again.")
            }
        }
        return try PortalRequestReading.request(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }, authority: request.head.authority,
            body: body, peer: context.peer, trustProxy: trustProxy)
    }

    /// One line per request, for the school's IT person: time, client address (from
    /// `X-Forwarded-For` only with `--trust-proxy`), method, path, status, milliseconds.
    /// Never a query string (invitation codes travel in one), a cookie, a code or a feed's
    /// secret address; bytes outside printable ASCII are percent-escaped, so a request
    /// cannot write a line of its own; long paths are cut.
    public static func logLine(time: Date, client: String, method: String, target: String, status: Int, ms: Double) -> String {
        // Byte by byte: `?`, `#` and printable ASCII are single bytes that never occur inside
        // a longer UTF-8 sequence, so cutting the bytes at the first `?` or `#` is cutting the
        // Unicode scalars there (not Characters: a combining mark after `?` makes one
        // Character of the two, which would carry the query into the log; libFuzzer found it).
        let bytes = target.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let path = bytes[..<end]
        var shown = [UInt8]()
        shown.reserveCapacity(210)
        if path.starts(with: "/feed/".utf8) {
            shown.append(contentsOf: "/feed/…".utf8)
        } else {
            // At most 200 characters as written: a byte outside printable ASCII takes three
            // (`%XX`), so counting the path's own bytes would let such a path fill 600.
            let digits = Array("0123456789ABCDEF".utf8)
            for byte in path {
                let printable = byte > 0x20 && byte < 0x7F
                if shown.count + (printable ? 1 : 3) > 200 { shown.append(contentsOf: "…".utf8); break }
                if printable {
                    shown.append(byte)
                } else {
                    shown.append(UInt8(ascii: "%"))
                    shown.append(digits[Int(byte >> 4)])
                    shown.append(digits[Int(byte & 0x0F)])
                }
            }
        }
        let isMethodByte = { (b: UInt8) in (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") }
        let safeMethod = method.utf8.count <= 16 && method.utf8.allSatisfy(isMethodByte) ? method : "?"
        // The time and the milliseconds without a formatter or a time zone (one line per request).
        let stamp = WallClock(utc: time).iso + "Z"
        let tenths = Int((max(0, ms) * 10).rounded())
        return "\(stamp) \(client) \(safeMethod) \(String(decoding: shown, as: UTF8.self)) \(status) \(tenths / 10).\(tenths % 10) ms"
    }

    /// Makes Swift concurrency run its tasks on the portal's NIO threads (one per core) rather
    /// than on a pool of its own, so that a request is read, answered and written on one
    /// thread with no hop between two pools of threads fighting for the same cores. Call it
    /// first thing in `schoolgate serve`, from the main thread; later calls do nothing.
    /// Returns whether the tasks run there.
    @discardableResult
    /// Forms (which commit and may send mail) and the outbox's delivery run on NIO's pool of
    /// threads that may wait, made larger than one per core: their time is mostly waiting
    /// for the disk and the mail command.
    public static func runTasksOnEventLoops() -> Bool { tasksOnEventLoops }

    private static let tasksOnEventLoops: Bool = {
        #if canImport(Glibc)
        // glibc gives each thread that allocates an arena of its own (up to 8 a core) and
        // keeps what is freed in each: after a burst of sign-ins on the event loops and the
        // waiting pool, the portal held 260 MB of which half was free memory kept in arenas.
        // Two arenas keep it at 150 MB on the largest school, for no measured cost in speed.
        // `mallopt` is declared in <malloc.h>, which Swift's Glibc module leaves out: found by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(symbol, to: Mallopt.self)(mArenaMax, 2)
        }
        #endif
        NIOSingletons.blockingPoolThreadCountSuggestion = max(4, 2 * System.coreCount)
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }()

    /// Serves until SIGTERM or SIGINT. `ready` is called with the port once listening
    /// (useful with port 0, which picks a free one).
    public static func run(_ portal: Portal, ready: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "schoolgate-portal")
        logger.logLevel = .warning
        let timeout = TimeAmount.nanoseconds(Int64(portal.options.idleTimeout * 1e9))
        let app = Application(
            responder: Responder(portal: portal),
            server: HTTPServerBuilder { responder in
                ClosingHTTP10Channel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: timeout)),
                                     timeout: timeout)
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

/// Hummingbird's HTTP/1 channel, with the portal's two additions (after NIO's HTTP parser):
/// ``RequestDeadline`` and ``ConnectionCloseForHTTP10``. Hummingbird's own idle timeout
/// closes a connection that sends no complete head for `timeout` (slow headers included:
/// bytes that do not finish a head do not count as activity).
///
/// Hummingbird's HTTP/1 channel also would not close the connection after the answer to an HTTP/1.0
/// request that did not ask to keep it open. Text browsers (lynx, w3m) and many scripts speak
/// HTTP/1.0 and read an answer until the connection closes; Hummingbird 2.28 closes only on
/// `Connection: close`, so each of their pages waited for the 30 s idle timeout.
struct ClosingHTTP10Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let timeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let timeout = self.timeout
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(ConnectionCloseForHTTP10(), position: .after(decoder.handler))
            try pipeline.addHandler(RequestDeadline(limit: timeout), position: .after(decoder.handler))
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

/// Closes a connection whose request body has not arrived in full within `limit` of its
/// head: a client trickling a body (a byte now and then, each one enough for Hummingbird's
/// idle timeout) cannot hold a connection and a waiting request for long.
///
/// The timer starts only when a read ends with a request still unfinished: a request that
/// arrives whole (every page a browser asks for) costs no timer.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    let limit: TimeAmount
    private var timer: Scheduled<Void>?
    private var unfinished = false

    init(limit: TimeAmount) { self.limit = limit }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            timer?.cancel()
            timer = nil
            unfinished = true
        case .end:
            timer?.cancel()
            timer = nil
            unfinished = false
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if unfinished && timer == nil {
            let loop = context.eventLoop.assumeIsolated()
            timer = loop.scheduleTask(in: limit) { context.close(promise: nil) }
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
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
