/// Values quoted in messages are cut: a 10 MB bad value must not be echoed whole (the start says which one it is).
public enum ShortText {
    /// `text` when it has at most `limit` characters, else its first `limit` characters, « … » and the total length.
    public static func cut(_ text: String, _ limit: Int = 80) -> String {
        var count = 0
        var end = text.startIndex
        while end < text.endIndex {
            if count == limit { break }
            end = text.index(after: end)
            count += 1
        }
        guard end < text.endIndex else { return text }
        return String(text[..<end]) + "… (\(text.utf8.count) octets)"
    }
}
