import Foundation

/// One run at a time per output folder: an exclusive flock(2) on a lock file beside it, held until the run ends (the
/// kernel drops it when the process dies, even of kill -9). A second run waits a few seconds, then gives up.
struct OutputLock: ~Copyable {
    private let fd: Int32

    /// How long a second run waits for the first.
    static let wait: Double = 3

    /// Takes the lock on `path` (created when missing). `folder` names the output folder in the message.
    init(path: String, folder: String) throws(EnvironmentError) {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(OutputLock.wait * 1e9)
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw EnvironmentError("impossible de créer le verrou « \(path) » : \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The file may have been removed by the holder we waited for (a failed first run tidies up): the lock
                // counts only if the path still names the file we locked.
                var held = stat(), named = stat()
                if fstat(fd, &held) == 0, lstat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                    self.fd = fd
                    return
                }
                close(fd)
                continue
            }
            close(fd)
            if let s = Interruption.signal { throw EnvironmentError.interrupted(s) }
            guard DispatchTime.now().uptimeNanoseconds < deadline else {
                throw EnvironmentError("une autre génération est en cours dans « \(folder) » (verrou « \(path) ») : "
                    + "attendez qu'elle se termine, puis relancez")
            }
            usleep(50_000)
        }
    }

    deinit { close(fd) }
}
