import Foundation

/// Runs a chunk producer on its own thread, a few chunks ahead of the consumer: while the zip writer deflates one
/// chunk of a large part, the next one is being written. At most `depth` chunks wait (bounded memory); the chunks come
/// out in order, so the output is the same bytes as a single-threaded run.
///
/// The producer must not share mutable state with the consumer while it runs (the worksheet writer only touches its
/// own rows and the shared-string table, which nothing else reads until the part is complete).
final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var finished = false
    private var cancelled = false
    private let depth: Int

    /// Starts `produce` (called until it returns nil) on a new thread.
    init(depth: Int = 4, produce: @escaping () -> [UInt8]?) {
        self.depth = depth
        let box = UncheckedBox(produce)
        Thread.detachNewThread { [self] in self.run(box.value) }
    }

    private func run(_ produce: () -> [UInt8]?) {
        while let chunk = produce() {
            condition.lock()
            while queue.count >= depth && !cancelled { condition.wait() }
            if cancelled { condition.unlock(); return }
            queue.append(chunk)
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for the producer if needed; nil once it is done.
    func next() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let chunk = queue.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Lets a producer blocked on a full queue stop (the consumer gave up, e.g. the zip failed).
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Carries a non-Sendable closure to the producer thread, which is then its only user.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
