// The one XML escaper of the project, shared by XMLWriter, the spreadsheet writers' ByteSink and the template
// compiler: `& < >` escaped, and in (double-quoted) attributes also `"` and tab / newline as character references;
// `\r` as a reference; characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF) dropped.
// `'` needs no escaping inside double quotes; XMLWriter still writes it as `&apos;` (its documented output), the
// spreadsheet writers keep it literal so stored formulas read as LibreOffice writes them (`[$'Mes données'.A1]`).

package enum XMLEscape {
    /// Hands `emit` the escaped form of `s` in pieces: runs of input bytes copied as they are, and replacements.
    @inline(__always)
    package static func scan(_ s: String, attribute: Bool, apostrophe: Bool = false, emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            var i = 0
            let n = buf.count
            while i < n {
                let c = buf[i]
                if c >= 0x3F && c != 0xEF { i += 1; continue }     // fast path: nothing to escape at or above '?'
                var replacement: StaticString? = nil
                var skip = 0
                switch c {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): if attribute { replacement = "&quot;" }
                case UInt8(ascii: "'"): if attribute && apostrophe { replacement = "&apos;" }
                case 0x0A: if attribute { replacement = "&#10;" }
                case 0x09: if attribute { replacement = "&#9;" }
                case 0x0D: replacement = "&#13;"
                case 0x00..<0x20: skip = 1                       // forbidden C0 control: dropped
                case 0xEF:                                      // U+FFFE / U+FFFF are not XML characters
                    if i + 2 < n, buf[i + 1] == 0xBF, buf[i + 2] == 0xBE || buf[i + 2] == 0xBF { skip = 3 }
                default: break
                }
                if replacement == nil && skip == 0 { i += 1; continue }
                if runStart < i { emit(UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
                if let replacement {
                    replacement.withUTF8Buffer { emit($0) }
                    i += 1
                } else {
                    i += skip
                }
                runStart = i
            }
            if runStart < n { emit(UnsafeBufferPointer(rebasing: buf[runStart..<n])) }
        }
    }
}
