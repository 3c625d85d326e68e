import OfficePackaging

/// A zip written byte by byte, to make the archives a hostile template would be: names libzip's writer would never
/// produce, sizes that lie, zip64 claims. Entries are stored or deflated; sizes and CRCs can be overridden.
package struct RawZip {
    package struct Entry {
        var name: String
        var data: [UInt8]
        var deflate = true
        /// Announced uncompressed size (the truth when nil); written as zip64 when it does not fit 32 bits.
        var claimedSize: UInt64? = nil
    }
    package var entries: [Entry] = []
    package init() {}

    package mutating func add(_ name: String, _ data: [UInt8], deflate: Bool = true, claimedSize: UInt64? = nil) {
        entries.append(Entry(name: name, data: data, deflate: deflate, claimedSize: claimedSize))
    }
    package mutating func add(_ name: String, _ text: String, deflate: Bool = true) { add(name, Array(text.utf8), deflate: deflate) }

    package func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { for k in 0..<4 { to.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        func u64(_ v: UInt64, _ to: inout [UInt8]) { for k in 0..<8 { to.append(UInt8((v >> (8 * UInt64(k))) & 0xFF)) } }
        for e in entries {
            let packed = e.deflate ? DeflatedPart.make(e.data, level: 6).data : e.data
            let crc = DeflatedPart.make(e.data, level: 1).crc
            let size = e.claimedSize ?? UInt64(e.data.count)
            let zip64 = size >= 0xFFFF_FFFF
            var extra: [UInt8] = []
            if zip64 { u16(1, &extra); u16(16, &extra); u64(size, &extra); u64(UInt64(packed.count), &extra) }
            let name = Array(e.name.utf8)
            let offset = UInt32(out.count)
            func header(_ to: inout [UInt8], central isCentral: Bool) {
                u32(isCentral ? 0x0201_4B50 : 0x0403_4B50, &to)
                if isCentral { u16(zip64 ? 45 : 20, &to) }
                u16(zip64 ? 45 : 20, &to); u16(0x0800, &to); u16(e.deflate ? 8 : 0, &to)
                u16(0, &to); u16(0x21, &to)
                u32(crc, &to)
                u32(zip64 ? 0xFFFF_FFFF : UInt32(packed.count), &to)
                u32(zip64 ? 0xFFFF_FFFF : UInt32(size), &to)
                u16(name.count, &to); u16(extra.count, &to)
                if isCentral { u16(0, &to); u16(0, &to); u16(0, &to); u32(0, &to); u32(offset, &to) }
                to += name; to += extra
            }
            header(&out, central: false)
            out += packed
            header(&central, central: true)
        }
        let cdOffset = out.count
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(UInt32(cdOffset), &out); u16(0, &out)
        return out
    }
}
