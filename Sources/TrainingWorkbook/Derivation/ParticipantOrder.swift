// The order in which every session document lists its participants.

import Foundation
import FrenchFormatting
import Synchronization

/// The order in which every session document lists participants: last name, then first name, compared without
/// case, accents, apostrophes, spaces or hyphens (« Ben Saïd » sorts as « bensaid »), then workbook order.
public enum ParticipantOrder {
    /// A comparison key: lower-case ASCII letters and digits only.
    public static func key(_ s: String?) -> String {
        String(decoding: keyBytes(s), as: UTF8.self)
    }

    /// The key's bytes: ASCII names (most of them) are read byte by byte, the others scalar by scalar through the
    /// slug's folding. Compared as bytes, the order is the same as the keys' (ASCII only).
    static func keyBytes(_ s: String?) -> [UInt8] {
        guard let s, !s.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        func keep(_ c: UInt8) {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(c)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(c + 32)
            default: break
            }
        }
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            for c in s.utf8 { keep(c) }
        } else {
            for scalar in s.unicodeScalars { for c in Slug.fold(scalar).utf8 { keep(c) } }
        }
        return out
    }

    /// Participants sorted by last name, then first name, then workbook position (stable).
    public static func sorted(_ participants: [Participant]) -> [Participant] {
        sortedIndices(participants).map { participants[$0] }
    }

    /// The positions of `participants` in that order. Every session document asks for it: the last order made is
    /// kept, so a run sorts its trainees once, not once per document (0.3 s each for 100,000 trainees).
    public static func sortedIndices(_ participants: [Participant]) -> [Int] {
        if let kept = lastOrder.withLock({ $0?.order(for: participants) }) { return kept }
        // One key per trainee, last name and first name joined by a 0 (never in a key): comparing joined keys
        // compares last names first, a shorter last name first.
        let keys = participants.map { p in keyBytes(p.lastName) + [0] + keyBytes(p.firstName) }
        var order = Array(participants.indices)
        order.sort { a, b in
            let byKey = keys[a].withUnsafeBufferPointer { x in
                keys[b].withUnsafeBufferPointer { y in
                    let common = min(x.count, y.count)
                    let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                    return c != 0 ? Int(c) : x.count - y.count
                }
            }
            return byKey != 0 ? byKey < 0 : a < b
        }
        lastOrder.withLock { $0 = KeptOrder(participants: participants, order: order) }
        return order
    }

    /// The last list sorted and its order. Holding the list keeps its storage alive, so another list can never
    /// have the same storage address: the same address and count mean the very same (unchanged) list.
    private struct KeptOrder: @unchecked Sendable {
        let participants: [Participant]
        let order: [Int]
        func order(for other: [Participant]) -> [Int]? {
            guard other.count == participants.count else { return nil }
            let same = other.withUnsafeBufferPointer { o in participants.withUnsafeBufferPointer { $0.baseAddress == o.baseAddress } }
            return same ? order : nil
        }
    }
    private static let lastOrder = Mutex<KeptOrder?>(nil)
}
