import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM while the output folder is being updated: the handler only records the signal; the
/// writers check it between files and stop with `EnvironmentError.interrupted`, the update removes its temporary
/// folder, and the process then dies of the same signal (so a calling shell or script sees the interruption).
/// A second signal kills at once (the handler is reset); the next run removes what that left.
public enum Interruption {
    /// The signal received, 0 when none.
    static let received = Atomic<Int32>(0)

    /// Starts recording SIGINT and SIGTERM. A signal the process was started ignoring (`nohup`, a background job of a
    /// script) stays ignored; one it inherited blocked is unblocked, or the run could not be stopped at all.
    public static func install() {
        _ = received.load(ordering: .relaxed)      // initialise the global before a handler can touch it
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction(), previous = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = { sig in Interruption.received.store(sig, ordering: .relaxed) }
            #else
            action.__sigaction_u.__sa_handler = { sig in Interruption.received.store(sig, ordering: .relaxed) }
            #endif
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, &previous)
            #if os(Linux)
            let wasIgnored = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #else
            let wasIgnored = unsafeBitCast(previous.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #endif
            if wasIgnored { sigaction(sig, &previous, nil) } else { sigaddset(&unblock, sig) }
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The signal received since `install()`, if any.
    public static var signal: Int32? {
        let s = received.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    /// Throws when a signal was received.
    static func check() throws(EnvironmentError) {
        if let s = signal { throw EnvironmentError.interrupted(s) }
    }

    /// Dies of the signal received (after the temporary files are gone), with its default action.
    public static func dieOfReceivedSignal() -> Never {
        let s = signal ?? SIGTERM
        Foundation.signal(s, SIG_DFL)
        raise(s)
        exit(128 + s)
    }
}
