#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write end of the trap's pipe, for the signal handler (which can capture nothing).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP into something the event loop can look at
/// between keys, so it leaves through the normal path: restore the terminal (endwin)
/// and return. The handler only writes one byte to a pipe (async-signal-safe).
final class SignalTrap {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [Int32: sigaction] = [:]

    /// Installs the handlers. One trap at a time.
    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        readEnd = fds[0]
        writeEnd = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        signalPipeWriteEnd = writeEnd
        for sig in SignalTrap.watched {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { sig in
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            #else
            action.__sigaction_u.__sa_handler = { sig in
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // no SA_RESTART: a waiting read returns at once
            var old = sigaction()
            sigaction(sig, &action, &old)
            previous[sig] = old
        }
        // A parent may have started us with these signals blocked (the mask is inherited
        // across exec): unblock them here, or Ctrl-C and a lost terminal would go unseen.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in SignalTrap.watched { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The first signal received since the last call, if any.
    func pending() -> Int32? {
        var byte: UInt8 = 0
        return read(readEnd, &byte, 1) == 1 ? Int32(byte) : nil
    }

    deinit {
        for (sig, old) in previous {
            var o = old
            sigaction(sig, &o, nil)
        }
        signalPipeWriteEnd = -1
        close(readEnd)
        close(writeEnd)
    }
}
