// « vouliez-vous dire … ? »: the nearest candidate by edit distance, for unknown keys, enum values and ids.

import FrenchFormatting

enum Suggestion {
    /// The closest candidate, when it is close enough to be a plausible typo (case differences are free).
    static func nearest(to word: String, in candidates: [String]) -> String? {
        // A key is a few words: a long one (or a 10 MB one) is no typo, and its distance would cost its length squared.
        guard word.utf8.count <= 100 else { return nil }
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for c in candidates {
            let d = distance(lowered, Array(c.lowercased().unicodeScalars))
            if best.map({ d < $0.distance }) ?? true { best = (c, d) }
        }
        guard let best else { return nil }
        let allowed = max(2, min(lowered.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// « (vouliez-vous dire « attendance » ?) » or "".
    static func hint(for word: String, in candidates: [String]) -> String {
        guard let s = nearest(to: word, in: candidates) else { return "" }
        return " (vouliez-vous dire « \(s) » ?)"
    }

    /// Levenshtein distance with adjacent transpositions (optimal string alignment).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, before[j - 2] + 1) }
                current[j] = v
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }

    /// « a, b ou c » for lists of allowed values.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " ou " + items[items.count - 1]
    }
}
