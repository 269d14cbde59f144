/// A byte range in a ``SourceMap``, in global offsets (every file has its own
/// disjoint range of offsets, so a span alone names its file).
public struct Span: Hashable, Sendable {
    /// The first byte of the range.
    public var start: UInt32
    /// One past the last byte of the range.
    public var end: UInt32

    /// Creates a span from global byte offsets.
    public init(start: UInt32, end: UInt32) {
        self.start = start
        self.end = end
    }
}

/// One WIT source file: its path as the user should see it, and its bytes.
public struct SourceFile: Sendable {
    /// The path printed in diagnostics.
    public var path: String
    /// The file's contents, as UTF-8 bytes.
    public var bytes: [UInt8]

    /// Creates a source file from a path and its UTF-8 contents.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates a source file from a path and its text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// A human-readable position: file, 1-based line and 1-based column (in characters).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path of the file.
    public var path: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// `path:line:column`.
    public var description: String { "\(path):\(line):\(column)" }
}

/// Every source file the front end has read, with global offsets so that a
/// ``Span`` identifies both the file and the range.
public struct SourceMap: Sendable {
    struct Entry: Sendable {
        var file: SourceFile
        var base: UInt32
        var lineStarts: [UInt32]
        /// A binary file (a component `.wasm`): places in it are byte offsets, not lines.
        var isBinary: Bool
    }

    private(set) var entries: [Entry] = []
    private var nextBase: UInt32 = 0

    /// Creates an empty source map.
    public init() {}

    /// The files in the order they were added.
    public var files: [SourceFile] { entries.map(\.file) }

    /// Adds a file and returns the global offset of its first byte. A binary
    /// file's diagnostics name byte offsets instead of lines and columns.
    @discardableResult
    public mutating func add(_ file: SourceFile, isBinary: Bool = false) -> UInt32 {
        let base = nextBase
        var lineStarts: [UInt32] = [0]
        if !isBinary {
            file.bytes.withUnsafeBufferPointer { buffer in
                for (index, byte) in buffer.enumerated() where byte == UInt8(ascii: "\n") {
                    lineStarts.append(UInt32(index + 1))
                }
            }
        }
        entries.append(Entry(file: file, base: base, lineStarts: lineStarts, isBinary: isBinary))
        // One extra offset per file so that an end-of-file span still maps to its file.
        let (next, overflow) = base.addingReportingOverflow(UInt32(truncatingIfNeeded: file.bytes.count) &+ 1)
        nextBase = overflow ? UInt32.max : next
        return base
    }

    /// The index of the entry holding a global offset.
    func entryIndex(containing offset: UInt32) -> Int? {
        var low = 0
        var high = entries.count - 1
        var found: Int?
        while low <= high {
            let mid = (low + high) / 2
            if entries[mid].base <= offset {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    /// The span of a whole file, by the global offset of its first byte (as
    /// ``add(_:isBinary:)`` returned it). A diagnostic at the whole of a binary
    /// file names only the file; in a text file it points at the file's start.
    public func wholeFileSpan(base: UInt32) -> Span {
        guard let index = entryIndex(containing: base) else { return Span(start: base, end: base) }
        return Span(start: base, end: base &+ UInt32(truncatingIfNeeded: entries[index].file.bytes.count))
    }

    /// For a place in a binary file: its path and byte offset; `nil` for text files.
    /// `offset` is `nil` when the span covers the whole file.
    func binaryLocation(of span: Span) -> (path: String, offset: Int?)? {
        guard let index = entryIndex(containing: span.start), entries[index].isBinary else { return nil }
        return (entries[index].file.path, coversWholeFile(span) ? nil : Int(span.start - entries[index].base))
    }

    /// Whether `span` covers a whole file (a problem with the file, not a place in it).
    private func coversWholeFile(_ span: Span) -> Bool {
        guard let index = entryIndex(containing: span.start) else { return false }
        let entry = entries[index]
        return span.start == entry.base && Int(span.end - entry.base) == entry.file.bytes.count && entry.file.bytes.count > 0
    }

    /// The file, line and column of a global offset.
    public func location(of offset: UInt32) -> SourceLocation? {
        guard let index = entryIndex(containing: offset) else { return nil }
        let entry = entries[index]
        let local = min(Int(offset - entry.base), entry.file.bytes.count)
        let lineIndex = Self.lineIndex(of: UInt32(local), in: entry.lineStarts)
        let lineStart = Int(entry.lineStarts[lineIndex])
        var column = 1
        var position = lineStart
        while position < local {
            // Count scalars: skip UTF-8 continuation bytes.
            if entry.file.bytes[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        return SourceLocation(path: entry.file.path, line: lineIndex + 1, column: column)
    }

    /// The text of the line holding a global offset, without its line break.
    public func lineText(at offset: UInt32) -> String? {
        guard let index = entryIndex(containing: offset) else { return nil }
        let entry = entries[index]
        let local = min(Int(offset - entry.base), entry.file.bytes.count)
        let lineIndex = Self.lineIndex(of: UInt32(local), in: entry.lineStarts)
        let start = Int(entry.lineStarts[lineIndex])
        var end = lineIndex + 1 < entry.lineStarts.count ? Int(entry.lineStarts[lineIndex + 1]) - 1 : entry.file.bytes.count
        if end > start, entry.file.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: entry.file.bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text under a span.
    public func text(of span: Span) -> String {
        guard let index = entryIndex(containing: span.start) else { return "" }
        let entry = entries[index]
        let count = entry.file.bytes.count
        let start = min(Int(span.start - entry.base), count)
        let end = min(max(Int(span.end) - Int(entry.base), start), count)
        return String(decoding: entry.file.bytes[start..<end], as: UTF8.self)
    }

    /// The bytes under a span (the same range as ``text(of:)``).
    func bytes(of span: Span) -> ArraySlice<UInt8> {
        guard let index = entryIndex(containing: span.start) else { return [] }
        let entry = entries[index]
        let count = entry.file.bytes.count
        let start = min(Int(span.start - entry.base), count)
        let end = min(max(Int(span.end) - Int(entry.base), start), count)
        return entry.file.bytes[start..<end]
    }

    private static func lineIndex(of local: UInt32, in lineStarts: [UInt32]) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= local { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
