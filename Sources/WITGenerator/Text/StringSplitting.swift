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
