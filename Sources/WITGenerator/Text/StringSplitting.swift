extension StringProtocol {
    /// The text split at each byte `separator` (an ASCII character), comparing bytes rather
    /// than `Character`s (a `\r\n` is split after its `\r`; a combining mark after the
    /// separator stays with the part that follows).
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
}

extension String {
    /// Whether the text holds the byte `byte` (an ASCII character), read from its UTF-8 storage.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(byte) }
    }
}
