import Dispatch
import Documents
import Foundation

/// The one place that runs work on several cores: independent computations spread over every core, results in
/// index order, so the output never depends on scheduling.
public struct WorkPool: ParallelWork {
    public init() {}

    public func map<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<count).map(body) }
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
        return results.values()
    }

    /// Each slot is written once by one worker; the lock only orders the writes with the final read.
    private final class Results<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { lock.lock(); slots[i] = value; lock.unlock() }
        func values() -> [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
