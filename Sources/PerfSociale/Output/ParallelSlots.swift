/// Fixed slots that concurrent workers fill, one slot each: no reallocation, no shared mutable array.
final class ParallelSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit { buffer.deinitialize(); buffer.deallocate() }
    func set(_ i: Int, _ value: T) { buffer[i] = value }
    func collect() -> [T?] { Array(buffer) }
}
