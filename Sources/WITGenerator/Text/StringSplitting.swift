extension StringProtocol {
    /// The text split at each byte `separator` (an ASCII character), comparing
    /// bytes rather than `Character`s: generated text is split line by line and
    /// names word by word on every item, and byte comparison is many times faster.
    func splitBytes(_ separator: UInt8, omittingEmpty: Bool) -> [Substring] {
        let text = Substring(self)
        var parts: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        let end = text.utf8.endIndex
        while index != end {
            if text.utf8[index] == separator {
                if !omittingEmpty || start != index { parts.append(Substring(text.utf8[start..<index])) }
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        if !omittingEmpty || start != end { parts.append(Substring(text.utf8[start..<end])) }
        return parts
    }

    /// The lines of the text (a trailing newline gives a last empty line, as `split` does).
    var lines: [Substring] { splitBytes(UInt8(ascii: "\n"), omittingEmpty: false) }
}

extension String {
    /// The non-empty lines, as `split(separator: "\n")` gives them: byte by byte when that
    /// gives the same, else by `Character` (where `\r\n` is one).
    var nonEmptyLines: [Substring] {
        isPlainASCII(self) ? splitBytes(UInt8(ascii: "\n"), omittingEmpty: true) : split(separator: "\n")
    }
}

/// Whether `text` is ASCII without `\r`: each byte is then one `Character`, so
/// byte-by-byte processing gives what `Character` processing gives.
func isPlainASCII(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\r") { return false }
        return true
    }
}


extension String {
    /// Whether the text holds the byte `byte` (an ASCII character), read from its UTF-8
    /// storage: much cheaper than `utf8.contains`, which iterates the view.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(byte) }
    }
}
